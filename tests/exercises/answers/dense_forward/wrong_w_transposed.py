# wrong: multiplies by W.T (PyTorch's x @ W.T habit)
out = rows @ self.weights.data.T
if self.bias is not None:
    out = out + self.bias.data
out = out.reshape(data.shape[:-1] + (self.output_size,))
return Tensor._wrap(out)
