# wrong: uniform on [0, l): the weights are not centred on zero
limit = np.sqrt(6.0 / (fan_in + fan_out))
return (as_generator(rng).random((fan_in, fan_out)) * limit).astype(dtype)
