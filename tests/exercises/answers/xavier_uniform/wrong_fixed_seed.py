# wrong: a generator seeded with 0 whatever rng is: every call draws the same weights
limit = np.sqrt(6.0 / (fan_in + fan_out))
return np.random.default_rng(0).uniform(-limit, limit, (fan_in, fan_out)).astype(dtype)
