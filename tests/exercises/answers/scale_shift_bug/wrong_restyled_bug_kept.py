# wrong: the code restyled (np.sum, einsum) but the planted shift mistake kept
self.scale.accumulate_grad(np.einsum("nf,nf->f", grad_rows, x_rows))
self.shift.accumulate_grad(np.sum(grad_rows * scale, axis=0))
if not input_grad:
    return None
return Tensor._wrap(grad * scale)
