# right: sums of per-sample outer products in a loop, np.dot for dL/dx
grad_w = np.zeros(w.shape, dtype=w.dtype)
grad_b = np.zeros(self.output_size, dtype=w.dtype)
for x_i, g_i in zip(x_rows, grad_rows):
    grad_w += np.outer(x_i, g_i)
    grad_b += g_i
self.weights.accumulate_grad(grad_w)
if self.use_bias and self.bias is not None:
    self.bias.accumulate_grad(grad_b)
if input_grad:
    grad_x = np.dot(grad_rows, w.T).astype(x.dtype, copy=False)
    return Tensor._wrap(grad_x.reshape(x.shape))
return None
