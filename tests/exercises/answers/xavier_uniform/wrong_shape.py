# wrong: shape (fan_out, fan_in)
limit = np.sqrt(6.0 / (fan_in + fan_out))
W = as_generator(rng).uniform(-limit, limit, size=(fan_out, fan_in))
return W.astype(dtype)
