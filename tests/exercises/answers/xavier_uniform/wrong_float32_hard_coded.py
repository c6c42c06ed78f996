# wrong: always float32, whatever dtype asks for
limit = np.sqrt(6.0 / (fan_in + fan_out))
return as_generator(rng).uniform(-limit, limit, (fan_in, fan_out)).astype(np.float32)
