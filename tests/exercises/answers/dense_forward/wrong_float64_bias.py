# wrong: the bias added as float64, which makes the output of a float32 layer float64
out = rows @ self.weights.data
if self.bias is not None:
    out = out + self.bias.data.astype(float)
if data.ndim != 2:
    out = out.reshape(data.shape[:-1] + (self.output_size,))
return Tensor._wrap(out)
