# wrong: returns float64 for float32
inner = np.sum(grad * out, axis=self.axis, keepdims=True)
return Tensor._wrap((out * (grad - inner)).astype(np.float64))
