# wrong: fixed, but the shift gradient is assigned, not accumulated
self.scale.accumulate_grad((grad_rows * x_rows).sum(axis=0))
self.shift.grad = grad_rows.sum(axis=0)
if not input_grad:
    return None
return Tensor._wrap(grad * scale)
