# wrong: exponentiates in float64 "for accuracy", so float32 inputs give float64 output
shifted = data.astype(np.float64) - data.max(axis=self.axis, keepdims=True)
exps = np.exp(shifted)
probs = exps / exps.sum(axis=self.axis, keepdims=True)
self.last_output = probs
return Tensor._wrap(probs)
