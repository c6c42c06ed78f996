# wrong: draws from numpy's global generator and ignores rng
limit = np.sqrt(6.0 / (fan_in + fan_out))
return np.random.uniform(-limit, limit, (fan_in, fan_out)).astype(dtype)
