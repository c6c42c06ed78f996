# wrong: swaps in the input for the scale: the shift's gradient becomes the scale's
self.scale.accumulate_grad((grad_rows * x_rows).sum(axis=0))
self.shift.accumulate_grad((grad_rows * x_rows).sum(axis=0))
if not input_grad:
    return None
return Tensor._wrap(grad * scale)
