# wrong: the bias drawn like the weights instead of starting at zero
initializer = get_initializer(init)
self.weights = Tensor(initializer(self.input_size, self.output_size, rng=rng, dtype=dtype))
self.bias = Tensor(initializer(1, self.output_size, rng=rng, dtype=dtype)[0]) if self.use_bias else None
