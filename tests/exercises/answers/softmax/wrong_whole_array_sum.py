# wrong: divides by the sum of the whole array, not of each row
shifted = data - data.max(axis=self.axis, keepdims=True)
exps = np.exp(shifted)
probs = exps / exps.sum()
self.last_output = probs
return Tensor._wrap(probs)
