# wrong: counts in - 1 additions per dot product (a valid count, but not the stated convention)
# --- dense_forward_flops
return batch_size * output_size * (2 * input_size - 1)
