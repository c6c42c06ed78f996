# wrong: the (rows, out) result is not reshaped back: one sample comes back as (1, out)
out = rows @ self.weights.data
if self.bias is not None:
    out = out + self.bias.data
return Tensor._wrap(out)
