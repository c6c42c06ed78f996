# wrong: fixes the shift but returns grad * x as dL/dx
self.scale.accumulate_grad((grad_rows * x_rows).sum(axis=0))
self.shift.accumulate_grad(grad_rows.sum(axis=0))
if not input_grad:
    return None
return Tensor._wrap(grad * x)
