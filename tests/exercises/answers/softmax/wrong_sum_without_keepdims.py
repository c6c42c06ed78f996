# wrong: the sum without keepdims does not broadcast back over the rows
shifted = data - data.max(axis=self.axis, keepdims=True)
exps = np.exp(shifted)
probs = exps / exps.sum(axis=self.axis)
self.last_output = probs
return Tensor._wrap(probs)
