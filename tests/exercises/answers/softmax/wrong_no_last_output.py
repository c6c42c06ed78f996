# wrong: last_output is not kept for backward
shifted = data - data.max(axis=self.axis, keepdims=True)
e = np.exp(shifted)
p = e / e.sum(axis=self.axis, keepdims=True)
return Tensor._wrap(p)
