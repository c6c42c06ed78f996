# wrong: the bias made from a Python list is float32 whatever the layer's dtype
initializer = get_initializer(init)
self.weights = Tensor(initializer(self.input_size, self.output_size, rng=rng, dtype=dtype))
self.bias = Tensor([0.0] * self.output_size) if self.use_bias else None
