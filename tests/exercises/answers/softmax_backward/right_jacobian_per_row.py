# right: the Jacobian of each row, formed explicitly (fine for small rows), axis moved last
s = np.moveaxis(out, self.axis, -1)
g = np.moveaxis(grad, self.axis, -1)
jacobians = s[..., :, None] * (np.eye(s.shape[-1], dtype=s.dtype) - s[..., None, :])
result = np.einsum("...i,...ij->...j", g, jacobians)
return Tensor._wrap(np.moveaxis(result, -1, self.axis))
