# wrong: computes in float32 whatever the layer's dtype
out = rows.astype(np.float32) @ self.weights.data.astype(np.float32)
if self.bias is not None:
    out += self.bias.data.astype(np.float32)
if data.ndim != 2:
    out = out.reshape(data.shape[:-1] + (self.output_size,))
return Tensor._wrap(out)
