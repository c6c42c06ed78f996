# wrong: subtracts the mean of g, which is right only when every s is equal
inner = np.mean(grad, axis=self.axis, keepdims=True)
return Tensor._wrap(out * (grad - inner))
