# wrong: uniform on [0, l), not centred
limit = np.sqrt(6.0 / (fan_in + fan_out))
W = as_generator(rng).uniform(0, limit, size=(fan_in, fan_out))
return W.astype(dtype)
