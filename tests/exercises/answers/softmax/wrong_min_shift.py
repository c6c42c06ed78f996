# wrong: subtracts the minimum instead of the maximum: overflow for wide rows
shifted = data - data.min(axis=self.axis, keepdims=True)
e = np.exp(shifted)
p = e / e.sum(axis=self.axis, keepdims=True)
self.last_output = p
return Tensor._wrap(p)
