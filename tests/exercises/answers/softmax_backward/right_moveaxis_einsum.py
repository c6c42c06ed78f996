# right: axis moved last, <g, s> by einsum, moved back
s = np.moveaxis(out, self.axis, -1)
g = np.moveaxis(grad, self.axis, -1)
inner = np.einsum("...i,...i->...", g, s)[..., None]
return Tensor._wrap(np.moveaxis(s * (g - inner), -1, self.axis))
