# right: the chapter's triple loop for every layer (slow, but the same numbers)
out = matmul(rows, self.weights.data)
if self.bias is not None:
    out = out + self.bias.data
return Tensor(out.reshape(data.shape[:-1] + (self.output_size,)))
