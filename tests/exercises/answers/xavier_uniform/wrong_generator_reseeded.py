# wrong: a Generator is reseeded from its first draw each call, so it gives the same weights twice
limit = np.sqrt(6.0 / (fan_in + fan_out))
seed = rng if not isinstance(rng, np.random.Generator) else int(np.random.default_rng(rng.bit_generator.seed_seq).integers(2**31))
return np.random.default_rng(seed).uniform(-limit, limit, (fan_in, fan_out)).astype(dtype)
