# wrong: .grad overwritten instead of accumulated
self.weights.grad = x_rows.T @ grad_rows
if self.bias is not None:
    self.bias.grad = grad_rows.sum(axis=0)
if not input_grad:
    return None
return Tensor._wrap((grad_rows @ w.T).reshape(x.shape))
