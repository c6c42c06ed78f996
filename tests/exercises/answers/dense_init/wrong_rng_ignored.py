# wrong: rng is not passed on: every layer draws fresh random weights, seed or not
initializer = get_initializer(init)
self.weights = Tensor(initializer(self.input_size, self.output_size, dtype=dtype))
self.bias = Tensor(np.zeros(self.output_size, dtype=dtype)) if self.use_bias else None
