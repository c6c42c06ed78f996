# wrong: keeps the unnormalised exponentials for backward instead of the probabilities
shifted = data - data.max(axis=self.axis, keepdims=True)
self.last_output = np.exp(shifted)
return Tensor._wrap(self.last_output / self.last_output.sum(axis=self.axis, keepdims=True))
