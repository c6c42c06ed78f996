# wrong: adds self.bias.data without checking for None: use_bias=False crashes
out = rows @ self.weights.data
out = out + self.bias.data
out = out.reshape(data.shape[:-1] + (self.output_size,))
return Tensor._wrap(out)
