# wrong: the bias is np.zeros's default float64, not the layer's dtype
initializer = get_initializer(init)
self.weights = Tensor(initializer(self.input_size, self.output_size, rng=rng, dtype=dtype))
self.bias = Tensor(np.zeros(self.output_size)) if self.use_bias else None
