# wrong: includes the bias additions the docstring leaves out
# --- dense_forward_flops
return 2 * batch_size * input_size * output_size + batch_size * output_size
