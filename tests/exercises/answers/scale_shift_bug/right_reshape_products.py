# right: products reshaped then summed, dL/dx as scale * grad
grad_scale = (grad * x).reshape(-1, self.features).sum(axis=0)
grad_shift = np.sum(grad_rows, axis=0)
self.scale.accumulate_grad(grad_scale)
self.shift.accumulate_grad(grad_shift)
return Tensor._wrap(scale * grad) if input_grad else None
