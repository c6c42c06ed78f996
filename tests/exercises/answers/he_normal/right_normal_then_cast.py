# right: Generator.normal with the standard deviation, in float64, then cast
std = np.sqrt(2 / fan_in)
return as_generator(rng).normal(loc=0.0, scale=std, size=(fan_in, fan_out)).astype(dtype)
