# right: (in + bias) * out, and the FLOPs in another order
# --- dense_parameter_count
return (input_size + (1 if use_bias else 0)) * output_size
# --- dense_forward_flops
return input_size * output_size * batch_size * 2
