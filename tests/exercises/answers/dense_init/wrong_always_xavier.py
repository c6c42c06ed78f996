# wrong: init is ignored, always xavier_normal
initializer = get_initializer("xavier_normal")
self.weights = Tensor(initializer(self.input_size, self.output_size, rng=rng, dtype=dtype))
self.bias = Tensor(np.zeros(self.output_size, dtype=dtype)) if self.use_bias else None
