# wrong: use_bias=False still makes a bias
initializer = get_initializer(init)
self.weights = Tensor(initializer(self.input_size, self.output_size, rng=rng, dtype=dtype))
self.bias = Tensor(np.zeros(self.output_size, dtype=dtype))
