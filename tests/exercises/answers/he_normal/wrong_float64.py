# wrong: returns float64 whatever dtype
std = np.sqrt(2.0 / fan_in)
return as_generator(rng).normal(0.0, std, size=(fan_in, fan_out))
