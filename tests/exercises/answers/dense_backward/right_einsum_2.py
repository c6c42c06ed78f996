# right: all three products with einsum, dL/dx cast to the input's dtype
self.weights.accumulate_grad(np.einsum("ni,no->io", x_rows, grad_rows))
if self.bias is not None:
    self.bias.accumulate_grad(np.einsum("no->o", grad_rows))
if not input_grad:
    return None
grad_x = np.einsum("no,io->ni", grad_rows, w).astype(x.dtype, copy=False)
return Tensor._wrap(grad_x.reshape(x.shape))
