# wrong: the variance from the fan-out, 2 / fan_out
return (as_generator(rng).standard_normal((fan_in, fan_out)) * np.sqrt(2.0 / fan_out)).astype(dtype)
