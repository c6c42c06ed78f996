# wrong: shift gradient summed over features (axis=1) instead of samples
self.scale.accumulate_grad((grad_rows * x_rows).sum(axis=0))
self.shift.accumulate_grad(grad_rows.sum(axis=1))
if not input_grad:
    return None
return Tensor._wrap(grad * scale)
