# wrong: seeds numpy's global generator with rng
if not isinstance(rng, np.random.Generator):
    np.random.seed(rng)
return (np.random.standard_normal((fan_in, fan_out)) * np.sqrt(2.0 / fan_in)).astype(dtype)
