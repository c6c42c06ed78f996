# wrong: np.zeros without a dtype: a float64 bias on a float32 layer
initializer = get_initializer(init)
self.weights = Tensor(initializer(self.input_size, self.output_size, rng=rng, dtype=dtype))
self.bias = Tensor(np.zeros(self.output_size)) if self.use_bias else None
