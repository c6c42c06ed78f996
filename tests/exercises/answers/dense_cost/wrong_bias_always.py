# wrong: the bias is counted even with use_bias=False
# --- dense_parameter_count
return input_size * output_size + output_size
