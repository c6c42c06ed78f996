# wrong: weights drawn (output_size, input_size), the torch.nn.Linear layout, not this package's
initializer = get_initializer(init)
self.weights = Tensor(initializer(self.output_size, self.input_size, rng=rng, dtype=dtype))
self.bias = Tensor(np.zeros(self.output_size, dtype=dtype)) if self.use_bias else None
