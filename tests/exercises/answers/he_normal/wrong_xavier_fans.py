# wrong: std sqrt(2 / (fan_in + fan_out))
std = np.sqrt(2.0 / (fan_in + fan_out))
return as_generator(rng).normal(0.0, std, size=(fan_in, fan_out)).astype(dtype)
