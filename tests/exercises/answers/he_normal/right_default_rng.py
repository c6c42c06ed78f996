# right: np.random.default_rng(rng), which returns a Generator as it is; float32 draws scaled by a float32 std
gen = np.random.default_rng(rng)
return gen.standard_normal((fan_in, fan_out), dtype=dtype.type) * dtype.type((2.0 / fan_in) ** 0.5)
