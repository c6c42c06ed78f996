# right: LeCun normal (variance 1 / fan_in) scaled by sqrt(2): what ReLU halves, doubled
from tinytorch_layers.init import lecun_normal
return lecun_normal(fan_in, fan_out, rng=rng, dtype=dtype) * dtype.type(np.sqrt(2.0))
