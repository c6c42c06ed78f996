# wrong: computes and returns dx even when input_grad is False
self.weights.accumulate_grad(x_rows.T @ grad_rows)
if self.bias is not None:
    self.bias.accumulate_grad(grad_rows.sum(axis=0))
return Tensor._wrap((grad_rows @ w.T).reshape(x.shape))
