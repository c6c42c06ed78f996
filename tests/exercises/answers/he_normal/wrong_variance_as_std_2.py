# wrong: std = 2 / fan_in (the variance used as the std)
std = 2.0 / fan_in
return as_generator(rng).normal(0.0, std, size=(fan_in, fan_out)).astype(dtype)
