# wrong: Generator.normal takes the standard deviation; given the variance 2 / fan_in
return as_generator(rng).normal(0.0, 2.0 / fan_in, (fan_in, fan_out)).astype(dtype)
