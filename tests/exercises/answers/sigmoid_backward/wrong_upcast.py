# wrong: the derivative in float64 (np.float64(1) - h), so float32 gradients come back float64
return Tensor._wrap(grad * out * (np.float64(1.0) - out))
