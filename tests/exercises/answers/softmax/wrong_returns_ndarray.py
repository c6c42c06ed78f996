# wrong: returns the ndarray, not a Tensor
shifted = data - data.max(axis=self.axis, keepdims=True)
exps = np.exp(shifted)
self.last_output = exps / exps.sum(axis=self.axis, keepdims=True)
return self.last_output
