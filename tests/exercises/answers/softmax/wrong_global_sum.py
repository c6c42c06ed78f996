# wrong: divides by the sum over the whole array, not along the axis
shifted = data - data.max(axis=self.axis, keepdims=True)
e = np.exp(shifted)
p = e / e.sum()
self.last_output = p
return Tensor._wrap(p)
