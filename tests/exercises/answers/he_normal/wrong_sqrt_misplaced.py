# wrong: sqrt(2) / fan_in instead of sqrt(2 / fan_in)
return (as_generator(rng).standard_normal((fan_in, fan_out)) * (np.sqrt(2.0) / fan_in)).astype(dtype)
