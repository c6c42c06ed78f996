# wrong: the bias starts at ones, not zeros
initializer = get_initializer(init)
self.weights = Tensor(initializer(self.input_size, self.output_size, rng=rng, dtype=dtype))
self.bias = Tensor(np.ones(self.output_size, dtype=dtype)) if self.use_bias else None
