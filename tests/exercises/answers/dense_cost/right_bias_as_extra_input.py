# right: the bias counted as one more input row when there is one; flops per output entry
# --- dense_parameter_count
return (input_size + int(bool(use_bias))) * output_size
# --- dense_forward_flops
per_output = 2 * input_size
return batch_size * output_size * per_output
