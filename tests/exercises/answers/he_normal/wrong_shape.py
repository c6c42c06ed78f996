# wrong: shape (fan_out, fan_in)
std = np.sqrt(2.0 / fan_in)
return as_generator(rng).normal(0.0, std, size=(fan_out, fan_in)).astype(dtype)
