# right: np.einsum for the product, np.add with out= for the bias, Tensor() to wrap
if self.use_naive_matmul:
    out = matmul(rows, self.weights.data)
else:
    out = np.einsum("ni,io->no", rows, self.weights.data)
if self.bias is not None:
    np.add(out, self.bias.data, out=out)
return Tensor(out.reshape(*data.shape[:-1], self.output_size))
