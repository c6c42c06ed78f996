# right: np.random.default_rng(rng) (which passes a Generator through), float32 draws scaled
generator = np.random.default_rng(rng)
limit = dtype.type(np.sqrt(6 / (fan_in + fan_out)))
unit = generator.random(size=(fan_in, fan_out), dtype=dtype.type)
return limit * (unit + unit - dtype.type(1))
