# wrong: np.ones is float64, so a float32 layer gets a float64 gradient
return Tensor._wrap(grad * (np.ones(out.shape) - out * out))
