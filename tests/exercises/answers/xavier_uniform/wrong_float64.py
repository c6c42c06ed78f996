# wrong: the float64 draws are returned without the cast to dtype
limit = np.sqrt(6.0 / (fan_in + fan_out))
W = as_generator(rng).uniform(-limit, limit, size=(fan_in, fan_out))
return W
