# wrong: the bias gradient is the batch mean, not the sum
self.weights.accumulate_grad(x_rows.T @ grad_rows)
if self.bias is not None:
    self.bias.accumulate_grad(grad_rows.mean(axis=0))
if not input_grad:
    return None
return Tensor._wrap((grad_rows @ w.T).reshape(x.shape))
