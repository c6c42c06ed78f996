# wrong: counts multiply-adds, not FLOPs: the factor 2 is missing
# --- dense_forward_flops
return batch_size * input_size * output_size
