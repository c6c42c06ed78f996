# wrong: weights of shape (output_size, input_size), PyTorch's layout
initializer = get_initializer(init)
self.weights = Tensor(initializer(self.output_size, self.input_size, rng=rng, dtype=dtype))
self.bias = Tensor(np.zeros(self.output_size, dtype=dtype)) if self.use_bias else None
