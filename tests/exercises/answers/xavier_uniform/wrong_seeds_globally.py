# wrong: seeds numpy's global generator with rng, which changes the global state
limit = np.sqrt(6.0 / (fan_in + fan_out))
np.random.seed(rng if not isinstance(rng, np.random.Generator) else 0)
return np.random.uniform(-limit, limit, (fan_in, fan_out)).astype(dtype)
