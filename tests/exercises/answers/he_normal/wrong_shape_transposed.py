# wrong: shape (fan_out, fan_in)
return (as_generator(rng).standard_normal((fan_out, fan_in)) * np.sqrt(2.0 / fan_in)).astype(dtype)
