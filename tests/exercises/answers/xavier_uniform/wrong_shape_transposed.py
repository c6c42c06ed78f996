# wrong: shape (fan_out, fan_in), the torch.nn.Linear layout
limit = np.sqrt(6.0 / (fan_in + fan_out))
return as_generator(rng).uniform(-limit, limit, (fan_out, fan_in)).astype(dtype)
