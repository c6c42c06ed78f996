# wrong: looks init up in INITIALIZERS, so a callable initialiser fails
from tinytorch_layers.init import INITIALIZERS
initializer = INITIALIZERS[init]
self.weights = Tensor(initializer(self.input_size, self.output_size, rng=rng, dtype=dtype))
self.bias = Tensor(np.zeros(self.output_size, dtype=dtype)) if self.use_bias else None
