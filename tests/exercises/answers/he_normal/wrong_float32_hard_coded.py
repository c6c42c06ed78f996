# wrong: always float32, whatever dtype asks for
return as_generator(rng).normal(0.0, np.sqrt(2.0 / fan_in), (fan_in, fan_out)).astype(np.float32)
