# wrong: a float, not an int (the product written with 1.0 to be safe)
# --- dense_parameter_count
return 1.0 * input_size * output_size + (output_size if use_bias else 0)
