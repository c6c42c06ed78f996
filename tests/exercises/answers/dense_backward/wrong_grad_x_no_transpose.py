# wrong: dL/dx = G @ W instead of G @ W.T
self.weights.accumulate_grad(x_rows.T @ grad_rows)
if self.bias is not None:
    self.bias.accumulate_grad(grad_rows.sum(axis=0))
if not input_grad:
    return None
return Tensor._wrap((grad_rows @ w).reshape(x.shape))
