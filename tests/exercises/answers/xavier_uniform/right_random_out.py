# right: Generator.random into a preallocated array of the dtype, scaled in place
bound = float(np.sqrt(6.0 / (fan_in + fan_out)))
W = np.empty((fan_in, fan_out), dtype=dtype)
as_generator(rng).random(out=W, dtype=W.dtype)
W *= 2 * bound
W -= bound
return W
