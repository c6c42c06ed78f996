# wrong: np.prod returns a numpy integer, not a Python int
# --- dense_forward_flops
import numpy as np
return np.prod([2, batch_size, input_size, output_size])
