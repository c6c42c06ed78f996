# wrong: computes in float64 and returns float64 for float32 input
shifted = data.astype(np.float64) - data.max(axis=self.axis, keepdims=True)
e = np.exp(shifted)
p = e / e.sum(axis=self.axis, keepdims=True)
self.last_output = p
return Tensor._wrap(p)
