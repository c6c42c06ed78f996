# wrong: the bound from the fan-in alone, sqrt(6 / fan_in)
limit = np.sqrt(6.0 / fan_in)
return as_generator(rng).uniform(-limit, limit, (fan_in, fan_out)).astype(dtype)
