# wrong: ignores rng: a fresh default_rng() every call
std = np.sqrt(2.0 / fan_in)
return np.random.default_rng().normal(0.0, std, size=(fan_in, fan_out)).astype(dtype)
