# wrong: subtracts the plain sum of g instead of <g, s>
inner = np.sum(grad, axis=self.axis, keepdims=True)
return Tensor._wrap(out * (grad - inner))
