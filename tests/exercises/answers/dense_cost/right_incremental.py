# right: counts built up step by step
# --- dense_parameter_count
count = input_size * output_size
if use_bias:
    count += output_size
return count
# --- dense_forward_flops
per_output = 2 * input_size
return batch_size * output_size * per_output
