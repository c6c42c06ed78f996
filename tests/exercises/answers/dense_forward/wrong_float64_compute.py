# wrong: upcasts to float64 for accuracy and returns float64 from a float32 layer
out = rows.astype(np.float64) @ self.weights.data.astype(np.float64)
if self.bias is not None:
    out = out + self.bias.data
out = out.reshape(data.shape[:-1] + (self.output_size,))
return Tensor._wrap(out)
