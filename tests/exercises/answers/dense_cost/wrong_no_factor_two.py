# wrong: counts multiply-adds, not FLOPs (no factor 2)
# --- dense_forward_flops
return batch_size * input_size * output_size
