# wrong: bias.grad is overwritten, not accumulated (the weights accumulate)
self.weights.accumulate_grad(x_rows.T @ grad_rows)
if self.bias is not None:
    self.bias.grad = grad_rows.sum(axis=0).astype(self.bias.dtype)
if not input_grad:
    return None
return Tensor._wrap((grad_rows @ w.T).reshape(x.shape))
