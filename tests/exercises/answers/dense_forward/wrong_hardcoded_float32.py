# wrong: casts the output to float32 whatever the layer's dtype
out = rows @ self.weights.data
if self.bias is not None:
    out = out + self.bias.data
out = out.reshape(data.shape[:-1] + (self.output_size,))
return Tensor._wrap(out.astype(np.float32))
