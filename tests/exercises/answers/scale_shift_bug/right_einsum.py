# right: the fix written with np.einsum for both parameter gradients
self.scale.accumulate_grad(np.einsum("nf,nf->f", grad_rows, x_rows))
self.shift.accumulate_grad(np.einsum("nf->f", grad_rows))
if not input_grad:
    return None
return Tensor._wrap(grad * scale)
