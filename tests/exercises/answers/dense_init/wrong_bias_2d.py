# wrong: the bias has shape (1, output_size), not (output_size,)
initializer = get_initializer(init)
self.weights = Tensor(initializer(self.input_size, self.output_size, rng=rng, dtype=dtype))
self.bias = Tensor(np.zeros((1, self.output_size), dtype=dtype)) if self.use_bias else None
