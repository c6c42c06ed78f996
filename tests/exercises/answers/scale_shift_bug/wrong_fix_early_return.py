# wrong: fixes the shift's gradient but returns before filling the gradients when input_grad is False
if not input_grad:
    return None
self.scale.accumulate_grad((grad_rows * x_rows).sum(axis=0))
self.shift.accumulate_grad(grad_rows.sum(axis=0))
return Tensor._wrap(grad * scale)
