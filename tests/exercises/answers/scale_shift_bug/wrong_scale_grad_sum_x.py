# wrong: fixes the shift, but the scale gradient forgets G: sum of x
self.scale.accumulate_grad(x_rows.sum(axis=0))
self.shift.accumulate_grad(grad_rows.sum(axis=0))
if not input_grad:
    return None
return Tensor._wrap(grad * scale)
