# wrong: 'fixes' the scale line instead, the shift bug stays
self.scale.accumulate_grad(grad_rows.sum(axis=0))
self.shift.accumulate_grad((grad_rows * scale).sum(axis=0))
if not input_grad:
    return None
return Tensor._wrap(grad * scale)
