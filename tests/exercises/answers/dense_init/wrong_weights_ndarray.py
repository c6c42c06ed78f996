# wrong: the weights stored as a bare ndarray, not a Tensor (weights.data is then a memoryview)
initializer = get_initializer(init)
self.weights = initializer(self.input_size, self.output_size, rng=rng, dtype=dtype)
self.bias = Tensor(np.zeros(self.output_size, dtype=dtype)) if self.use_bias else None
