# right: accumulates by hand (None means "no gradient yet"), dx as (W @ G.T).T
grad_w = np.dot(x_rows.T, grad_rows).astype(w.dtype)
if self.weights.grad is None:
    self.weights.grad = grad_w
else:
    self.weights.grad += grad_w
if self.bias is not None:
    grad_b = grad_rows.sum(axis=0).astype(self.bias.dtype)
    self.bias.grad = grad_b if self.bias.grad is None else self.bias.grad + grad_b
if input_grad:
    return Tensor(np.dot(w, grad_rows.T).T.reshape(x.shape))
return None
