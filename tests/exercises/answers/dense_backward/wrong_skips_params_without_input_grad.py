# wrong: input_grad=False returns before filling the parameter gradients
if not input_grad:
    return None

self.weights.accumulate_grad(x_rows.T @ grad_rows)
if self.bias is not None:
    self.bias.accumulate_grad(grad_rows.sum(axis=0))
return Tensor._wrap((grad_rows @ w.T).reshape(x.shape))
