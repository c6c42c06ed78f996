# wrong: subtracts the maximum in place, which changes the caller's input
data -= data.max(axis=self.axis, keepdims=True)
np.exp(data, out=data)
data /= data.sum(axis=self.axis, keepdims=True)
self.last_output = data
return Tensor._wrap(data)
