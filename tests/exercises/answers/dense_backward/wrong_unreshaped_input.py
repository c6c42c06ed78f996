# wrong: uses the saved input as it is, which works for a batch but not for one sample
self.weights.accumulate_grad(x.T @ grad)
if self.bias is not None:
    self.bias.accumulate_grad(grad.sum(axis=0))
if not input_grad:
    return None
return Tensor._wrap(grad @ w.T)
