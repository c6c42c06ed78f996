# wrong: divides the bad gradient by the scale: right while no scale is zero, nan or inf otherwise
self.scale.accumulate_grad((grad_rows * x_rows).sum(axis=0))
self.shift.accumulate_grad((grad_rows * scale).sum(axis=0) / np.where(scale == 0, 1, scale) * (scale != 0))
if not input_grad:
    return None
return Tensor._wrap(grad * scale)
