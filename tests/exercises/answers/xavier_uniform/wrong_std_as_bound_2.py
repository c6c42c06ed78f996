# wrong: the normal's std sqrt(2 / (in + out)) used as the bound
limit = np.sqrt(2.0 / (fan_in + fan_out))
W = as_generator(rng).uniform(-limit, limit, size=(fan_in, fan_out))
return W.astype(dtype)
