# right: math.prod and an explicit branch, both Python ints
# --- dense_parameter_count
import math
count = math.prod((input_size, output_size))
if use_bias:
    count += output_size
return count
# --- dense_forward_flops
import math
return math.prod((2, batch_size, input_size, output_size))
