# wrong: the result cast to float32, so float64 inputs lose their dtype
shifted = data - data.max(axis=self.axis, keepdims=True)
exps = np.exp(shifted)
probs = (exps / exps.sum(axis=self.axis, keepdims=True)).astype(np.float32)
self.last_output = probs
return Tensor._wrap(probs)
