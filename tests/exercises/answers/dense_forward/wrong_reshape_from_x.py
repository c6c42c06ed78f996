# wrong: reshapes with the shape of x as given, which a nested list does not have
out = rows @ self.weights.data
if self.bias is not None:
    out += self.bias.data
if len(x.shape) != 2:
    out = out.reshape(x.shape[:-1] + (self.output_size,))
return Tensor._wrap(out)
