# right: float64 standard normals times sqrt(2)/sqrt(fan_in)
z = as_generator(rng).standard_normal(size=(fan_in, fan_out))
return (z * (np.sqrt(2.0) / np.sqrt(fan_in))).astype(dtype, copy=False)
