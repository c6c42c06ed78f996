# wrong: initialiser called with the fans swapped and transposed back: right shape, wrong fan
initializer = get_initializer(init)
self.weights = Tensor(initializer(self.output_size, self.input_size, rng=rng, dtype=dtype).T)
self.bias = Tensor(np.zeros(self.output_size, dtype=dtype)) if self.use_bias else None
