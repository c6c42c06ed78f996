# wrong: the count of one sample, whatever the batch
# --- dense_forward_flops
return 2 * input_size * output_size
