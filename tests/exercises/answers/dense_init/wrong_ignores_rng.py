# wrong: rng is not passed on, so the seed has no effect
initializer = get_initializer(init)
self.weights = Tensor(initializer(self.input_size, self.output_size, rng=None, dtype=dtype))
self.bias = Tensor(np.zeros(self.output_size, dtype=dtype)) if self.use_bias else None
