# wrong: a sign error: the bias is subtracted
out = rows @ self.weights.data
if self.bias is not None:
    out -= self.bias.data
if data.ndim != 2:
    out = out.reshape(data.shape[:-1] + (self.output_size,))
return Tensor._wrap(out)
