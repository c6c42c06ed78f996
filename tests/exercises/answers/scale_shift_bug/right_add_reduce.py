# right: np.add.reduce over the samples, dL/dx computed only when asked for
self.scale.accumulate_grad(np.add.reduce(grad_rows * x_rows))
self.shift.accumulate_grad(np.add.reduce(grad_rows))
return Tensor(scale * grad) if input_grad else None
