# wrong: a normal distribution with the right variance: not bounded
std = np.sqrt(2.0 / (fan_in + fan_out))
return as_generator(rng).normal(0.0, std, (fan_in, fan_out)).astype(dtype)
