# wrong: uniform with He's variance, not normal
limit = np.sqrt(3 * 2.0 / fan_in)
return as_generator(rng).uniform(-limit, limit, (fan_in, fan_out)).astype(dtype)
