# right: rng.uniform(-l, l) in float64, then cast
bound = np.sqrt(6.0 / (fan_in + fan_out))
return as_generator(rng).uniform(-bound, bound, size=(fan_in, fan_out)).astype(dtype)
