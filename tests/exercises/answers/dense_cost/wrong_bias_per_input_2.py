# wrong: one bias per input instead of per output
# --- dense_parameter_count
return input_size * output_size + (input_size if use_bias else 0)
