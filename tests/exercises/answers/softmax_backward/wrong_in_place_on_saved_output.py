# wrong: writes the result into the saved output: a second call differs
inner = np.sum(grad * out, axis=self.axis, keepdims=True)
out *= grad - inner
return Tensor._wrap(out)
