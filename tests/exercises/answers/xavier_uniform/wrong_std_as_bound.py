# wrong: the standard deviation sqrt(2 / (fan_in + fan_out)) used as the bound: a third of the variance
limit = np.sqrt(2.0 / (fan_in + fan_out))
return as_generator(rng).uniform(-limit, limit, (fan_in, fan_out)).astype(dtype)
