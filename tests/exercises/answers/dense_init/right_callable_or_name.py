# right: a callable init is called directly, a name looked up; no memory-layout step; bias by np.full
make = init if callable(init) else get_initializer(init)
self.weights = Tensor(make(self.input_size, self.output_size, rng=rng, dtype=dtype))
if self.use_bias:
    self.bias = Tensor(np.full((self.output_size,), 0.0, dtype=dtype))
else:
    self.bias = None
