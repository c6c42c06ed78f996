# wrong: computes in float64 and returns float64 for float32
return Tensor._wrap(grad.astype(np.float64) * (1 - out.astype(np.float64) ** 2))
