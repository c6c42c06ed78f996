# wrong: accumulates the inner product in float64, so float32 gradients come back float64
inner = np.sum(grad * out, axis=self.axis, keepdims=True, dtype=np.float64)
return Tensor._wrap(out * (grad - inner))
