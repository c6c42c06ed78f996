# wrong: He uniform (same variance, no normal tails)
limit = np.sqrt(6.0 / fan_in)
return as_generator(rng).uniform(-limit, limit, size=(fan_in, fan_out)).astype(dtype)
