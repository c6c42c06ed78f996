# wrong: normal draws with the Xavier variance instead of uniform
limit = np.sqrt(6.0 / (fan_in + fan_out))
W = as_generator(rng).normal(0.0, np.sqrt(2.0 / (fan_in + fan_out)), size=(fan_in, fan_out))
return W.astype(dtype)
