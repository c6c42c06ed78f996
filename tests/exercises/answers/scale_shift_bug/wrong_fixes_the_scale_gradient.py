# wrong: changes the scale's gradient (to use the output) and leaves the real mistake
y_rows = x_rows * scale + self.shift.data
self.scale.accumulate_grad((grad_rows * y_rows).sum(axis=0))
self.shift.accumulate_grad((grad_rows * scale).sum(axis=0))
if not input_grad:
    return None
return Tensor._wrap(grad * scale)
