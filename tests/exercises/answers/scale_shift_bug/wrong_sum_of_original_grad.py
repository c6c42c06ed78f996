# wrong: sums grad as given over axis 0, which is not one row per sample for 1-D or 3-D input
self.scale.accumulate_grad((grad_rows * x_rows).sum(axis=0))
self.shift.accumulate_grad(grad.sum(axis=0))
if not input_grad:
    return None
return Tensor._wrap(grad * scale)
