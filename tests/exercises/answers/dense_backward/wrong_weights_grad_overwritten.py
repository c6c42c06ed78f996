# wrong: weights.grad is overwritten, not accumulated (the bias accumulates)
self.weights.grad = (x_rows.T @ grad_rows).astype(w.dtype)
if self.bias is not None:
    self.bias.accumulate_grad(grad_rows.sum(axis=0))
if not input_grad:
    return None
return Tensor._wrap((grad_rows @ w.T).reshape(x.shape))
