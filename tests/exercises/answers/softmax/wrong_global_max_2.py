# wrong: subtracts the maximum of the whole array, not of each row: other rows underflow to 0/0
shifted = data - data.max()
e = np.exp(shifted)
p = e / e.sum(axis=self.axis, keepdims=True)
self.last_output = p
return Tensor._wrap(p)
