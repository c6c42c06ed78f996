# wrong: Generator.uniform draws float64, and the result is not cast to dtype
limit = np.sqrt(6.0 / (fan_in + fan_out))
return as_generator(rng).uniform(-limit, limit, (fan_in, fan_out))
