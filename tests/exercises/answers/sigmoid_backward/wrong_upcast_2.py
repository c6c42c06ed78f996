# wrong: returns float64 for a float32 output
return Tensor._wrap((grad * out * (1 - out)).astype(np.float64))
