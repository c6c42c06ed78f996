# wrong: returns dL/dx as an ndarray
self.weights.accumulate_grad(x_rows.T @ grad_rows)
if self.bias is not None:
    self.bias.accumulate_grad(grad_rows.sum(axis=0))
if not input_grad:
    return None
return (grad_rows @ w.T).reshape(x.shape)
