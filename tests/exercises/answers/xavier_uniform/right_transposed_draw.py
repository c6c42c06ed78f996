# right: drawn as (fan_out, fan_in) and transposed: another stream, same distribution
limit = (6 / (fan_in + fan_out)) ** 0.5
draw = as_generator(rng).uniform(low=-limit, high=limit, size=(fan_out, fan_in))
return np.ascontiguousarray(draw.T, dtype=dtype)
