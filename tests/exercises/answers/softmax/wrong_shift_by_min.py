# wrong: shifted by the minimum, so the largest exponent is the spread of the row
shifted = data - data.min(axis=self.axis, keepdims=True)
exps = np.exp(shifted)
probs = exps / exps.sum(axis=self.axis, keepdims=True)
self.last_output = probs
return Tensor._wrap(probs)
