# wrong: always returns (rows, out), losing extra leading dimensions
out = rows @ self.weights.data
if self.bias is not None:
    out = out + self.bias.data
out = out.reshape(-1, self.output_size) if data.ndim > 1 else out.reshape(self.output_size)
return Tensor._wrap(out)
