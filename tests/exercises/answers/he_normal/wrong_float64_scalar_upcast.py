# wrong: float32 draws times an np.float64 std: NumPy promotes the result to float64
std = np.sqrt(2.0 / fan_in)
return as_generator(rng).standard_normal((fan_in, fan_out), dtype=dtype.type) * std
