# wrong: a fixed seed instead of rng: every layer of this shape gets the same weights
initializer = get_initializer(init)
self.weights = Tensor(initializer(self.input_size, self.output_size, rng=0, dtype=dtype))
self.bias = Tensor(np.zeros(self.output_size, dtype=dtype)) if self.use_bias else None
