# wrong: seeds and draws from numpy's global generator
limit = np.sqrt(6.0 / (fan_in + fan_out))
if isinstance(rng, int):
    np.random.seed(rng)
return np.random.uniform(-limit, limit, size=(fan_in, fan_out)).astype(dtype)
