# wrong: ignores rng, always seed 0
limit = np.sqrt(6.0 / (fan_in + fan_out))
W = np.random.default_rng(0).uniform(-limit, limit, size=(fan_in, fan_out))
return W.astype(dtype)
