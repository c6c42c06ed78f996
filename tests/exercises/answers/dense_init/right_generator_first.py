# right: the seed made into a Generator first (the same stream), INITIALIZERS for names
from tinytorch_layers.init import INITIALIZERS, as_generator
initializer = INITIALIZERS[init] if isinstance(init, str) else init
generator = as_generator(rng)
self.weights = Tensor(initializer(self.input_size, self.output_size, rng=generator, dtype=dtype), dtype=dtype)
self.bias = Tensor(np.zeros(self.output_size), dtype=dtype) if self.use_bias else None
