# wrong: never reshapes back, so one sample comes out as a batch of one (and 3-D inputs as 2-D)
out = rows @ self.weights.data
if self.bias is not None:
    out += self.bias.data
return Tensor._wrap(out)
