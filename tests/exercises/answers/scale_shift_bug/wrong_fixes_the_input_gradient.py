# wrong: "fixes" dL/dx (drops the scale there) and leaves the shift's gradient as it was
self.scale.accumulate_grad((grad_rows * x_rows).sum(axis=0))
self.shift.accumulate_grad((grad_rows * scale).sum(axis=0))
if not input_grad:
    return None
return Tensor._wrap(grad)
