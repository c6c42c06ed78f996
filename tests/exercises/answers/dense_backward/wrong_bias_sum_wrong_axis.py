# wrong: sums the bias gradient over the outputs (axis 1) instead of the batch
self.weights.accumulate_grad(x_rows.T @ grad_rows)
if self.bias is not None:
    self.bias.accumulate_grad(grad_rows.sum(axis=1))
if not input_grad:
    return None
return Tensor._wrap((grad_rows @ w.T).reshape(x.shape))
