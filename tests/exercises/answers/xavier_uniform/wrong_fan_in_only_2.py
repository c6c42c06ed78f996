# wrong: limit sqrt(6 / fan_in), He's uniform bound
limit = np.sqrt(6.0 / fan_in)
W = as_generator(rng).uniform(-limit, limit, size=(fan_in, fan_out))
return W.astype(dtype)
