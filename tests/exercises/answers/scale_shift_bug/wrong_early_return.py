# wrong: input_grad=False returns before the parameter gradients
if not input_grad:
    return None

self.scale.accumulate_grad((grad_rows * x_rows).sum(axis=0))
self.shift.accumulate_grad(grad_rows.sum(axis=0))
return Tensor._wrap(grad * scale)
