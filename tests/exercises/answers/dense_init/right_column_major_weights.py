# right: the same draws, stored column-major; the bias takes the weights' dtype
draw = get_initializer(init)
weights = np.asfortranarray(draw(self.input_size, self.output_size, rng=rng, dtype=dtype))
self.weights = Tensor(weights)
self.bias = None
if self.use_bias:
    self.bias = Tensor(np.zeros(self.output_size, dtype=weights.dtype))
