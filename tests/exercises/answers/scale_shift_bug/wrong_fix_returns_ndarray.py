# wrong: fixes the shift's gradient but returns dL/dx as an ndarray
self.scale.accumulate_grad((grad_rows * x_rows).sum(axis=0))
self.shift.accumulate_grad(grad_rows.sum(axis=0))
if not input_grad:
    return None
return grad * scale
