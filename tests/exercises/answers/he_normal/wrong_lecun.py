# wrong: std sqrt(1 / fan_in), no ReLU gain
std = np.sqrt(1.0 / fan_in)
return as_generator(rng).normal(0.0, std, size=(fan_in, fan_out)).astype(dtype)
