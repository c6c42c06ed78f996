# wrong: the bias counted as one number
# --- dense_parameter_count
return input_size * output_size + (1 if use_bias else 0)
