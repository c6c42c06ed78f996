# wrong: dW = G.T @ x, shape (out, in)
self.weights.accumulate_grad(grad_rows.T @ x_rows)
if self.bias is not None:
    self.bias.accumulate_grad(grad_rows.sum(axis=0))
if not input_grad:
    return None
return Tensor._wrap((grad_rows @ w.T).reshape(x.shape))
