# wrong: adds the bias to the weights' rows before the product: every input feature gets it
weights = self.weights.data + (self.bias.data if self.bias is not None else 0)
out = rows @ weights
if data.ndim != 2:
    out = out.reshape(data.shape[:-1] + (self.output_size,))
return Tensor._wrap(out)
