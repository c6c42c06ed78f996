# wrong: subtracts the max from the input array in place, changing x
data -= data.max(axis=self.axis, keepdims=True)
np.exp(data, out=data)
p = data / data.sum(axis=self.axis, keepdims=True)
self.last_output = p
return Tensor._wrap(p)
