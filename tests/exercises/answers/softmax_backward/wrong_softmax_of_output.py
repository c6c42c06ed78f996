# wrong: applies softmax to the saved output, as if it were the input, before using it
e = np.exp(out - out.max(axis=self.axis, keepdims=True))
s = e / e.sum(axis=self.axis, keepdims=True)
inner = np.sum(grad * s, axis=self.axis, keepdims=True)
return Tensor._wrap(s * (grad - inner))
