# right: Generator.uniform in float64, then cast; the bound written from the variance
variance = 2.0 / (fan_in + fan_out)
limit = np.sqrt(3.0 * variance)
return as_generator(rng).uniform(-limit, limit, size=(fan_in, fan_out)).astype(dtype)
