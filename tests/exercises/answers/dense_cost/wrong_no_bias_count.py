# wrong: the parameter count leaves out the bias
# --- dense_parameter_count
return input_size * output_size
