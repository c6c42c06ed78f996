# right: np.dot, the bias added with broadcasting, the output shape from the input's
product = np.dot(rows, self.weights.data)
result = product if self.bias is None else product + self.bias.data
shape = data.shape[:-1] + (self.output_size,)
return Tensor._wrap(result.reshape(shape))
