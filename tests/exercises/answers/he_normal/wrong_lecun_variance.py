# wrong: LeCun's variance 1 / fan_in: the factor two ReLU needs is missing
return (as_generator(rng).standard_normal((fan_in, fan_out)) * np.sqrt(1.0 / fan_in)).astype(dtype)
