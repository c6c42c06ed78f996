# wrong: returns a float (2.0 * ...), not an int
# --- dense_forward_flops
return 2.0 * batch_size * input_size * output_size
