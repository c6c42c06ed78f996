# wrong: max and sum without keepdims: (batch,) does not broadcast against (batch, classes)
shifted = data - data.max(axis=self.axis)
e = np.exp(shifted)
p = e / e.sum(axis=self.axis)
self.last_output = p
return Tensor._wrap(p)
