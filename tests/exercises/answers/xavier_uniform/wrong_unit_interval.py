# wrong: 2u - 1 without the bound: uniform on [-1, 1) whatever the fans
return (2 * as_generator(rng).random((fan_in, fan_out), dtype=dtype.type) - 1).astype(dtype)
