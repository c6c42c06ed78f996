# wrong: in multiplies and in - 1 adds per dot product
# --- dense_forward_flops
return batch_size * output_size * (2 * input_size - 1)
