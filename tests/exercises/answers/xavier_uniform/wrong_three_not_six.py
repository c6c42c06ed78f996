# wrong: limit sqrt(3 / (in + out)), variance halved
limit = np.sqrt(3.0 / (fan_in + fan_out))
W = as_generator(rng).uniform(-limit, limit, size=(fan_in, fan_out))
return W.astype(dtype)
