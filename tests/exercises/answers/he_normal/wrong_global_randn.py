# wrong: np.random.randn, numpy's global generator: rng is ignored
return (np.random.randn(fan_in, fan_out) * np.sqrt(2.0 / fan_in)).astype(dtype)
