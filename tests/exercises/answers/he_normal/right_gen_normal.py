# right: Generator.normal with scale sqrt(2/fan_in), cast afterwards
return as_generator(rng).normal(0.0, np.sqrt(2 / fan_in), size=(fan_in, fan_out)).astype(dtype)
