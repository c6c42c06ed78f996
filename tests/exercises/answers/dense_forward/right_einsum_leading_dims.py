# right: einsum over any leading dimensions of data directly
if self.use_naive_matmul:
    y = matmul(rows, self.weights.data).reshape(data.shape[:-1] + (self.output_size,))
else:
    y = np.einsum("...i,io->...o", data, self.weights.data)
if self.use_bias and self.bias is not None:
    y += self.bias.data
return Tensor._wrap(y)
