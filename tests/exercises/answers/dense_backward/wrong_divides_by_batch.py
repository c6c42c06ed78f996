# wrong: divides the parameter gradients by the batch size
self.weights.accumulate_grad(x_rows.T @ grad_rows / len(x_rows))
if self.bias is not None:
    self.bias.accumulate_grad(grad_rows.sum(axis=0) / len(x_rows))
if not input_grad:
    return None
return Tensor._wrap((grad_rows @ w.T).reshape(x.shape))
