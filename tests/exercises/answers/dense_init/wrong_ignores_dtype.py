# wrong: dtype is not passed to the initialiser: float32 weights in a float64 layer
initializer = get_initializer(init)
self.weights = Tensor(initializer(self.input_size, self.output_size, rng=rng))
self.bias = Tensor(np.zeros(self.output_size, dtype=dtype)) if self.use_bias else None
