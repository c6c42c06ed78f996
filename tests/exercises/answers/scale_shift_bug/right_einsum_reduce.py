# right: the shift gradient is the sum of G over the samples, here by np.add.reduce; scale by einsum
self.scale.accumulate_grad(np.einsum("nf,nf->f", grad_rows, x_rows))
self.shift.accumulate_grad(np.add.reduce(grad_rows, axis=0))
if not input_grad:
    return None
return Tensor._wrap(grad * scale)
