# wrong: dx = (W @ G.T) without the final transpose: the shape (in, batch), not (batch, in)
self.weights.accumulate_grad(x_rows.T @ grad_rows)
if self.bias is not None:
    self.bias.accumulate_grad(grad_rows.sum(axis=0))
if not input_grad:
    return None
return Tensor._wrap(w @ grad_rows.T)
