# wrong: subtracts the plain sum of g instead of its sum weighted by s
inner = np.sum(grad, axis=self.axis, keepdims=True)
return Tensor._wrap(out * (grad - inner))
