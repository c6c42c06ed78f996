# wrong: weights and bias stored as bare ndarrays, not Tensors
initializer = get_initializer(init)
self.weights = initializer(self.input_size, self.output_size, rng=rng, dtype=dtype)
self.bias = np.zeros(self.output_size, dtype=dtype) if self.use_bias else None
