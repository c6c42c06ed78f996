# wrong: Generator.normal draws float64, and the result is not cast to dtype
return as_generator(rng).normal(0.0, np.sqrt(2.0 / fan_in), (fan_in, fan_out))
