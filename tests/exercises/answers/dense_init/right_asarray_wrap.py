# right: np.asarray to the dtype, Tensor._wrap, bias zeros_like a weight row
w = get_initializer(init)(self.input_size, self.output_size, rng=rng, dtype=dtype)
w = np.asarray(w, dtype=dtype)
self.weights = Tensor._wrap(w)
self.bias = Tensor._wrap(np.zeros_like(w[0])) if self.use_bias else None
