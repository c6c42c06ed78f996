# wrong: dL/dx computed in grad_output's own array
self.scale.accumulate_grad((grad_rows * x_rows).sum(axis=0))
self.shift.accumulate_grad(grad_rows.sum(axis=0))
if not input_grad:
    return None
grad *= scale
return Tensor._wrap(grad)
