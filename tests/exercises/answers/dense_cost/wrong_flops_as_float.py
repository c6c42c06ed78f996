# wrong: 2.0 makes the FLOP count a float
# --- dense_forward_flops
return 2.0 * batch_size * input_size * output_size
