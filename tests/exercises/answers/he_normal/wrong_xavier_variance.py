# wrong: Xavier's variance, 2 / (fan_in + fan_out)
return (as_generator(rng).standard_normal((fan_in, fan_out)) * np.sqrt(2.0 / (fan_in + fan_out))).astype(dtype)
