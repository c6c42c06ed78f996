# wrong: computes with the raw x instead of the converted data: a float64 input gives float64
raw = np.asarray(x.data if isinstance(x, Tensor) else x)
out = raw.reshape(-1, self.input_size) @ self.weights.data
if self.bias is not None:
    out = out + self.bias.data
return Tensor._wrap(out.reshape(raw.shape[:-1] + (self.output_size,)))
