# wrong: returns an ndarray
inner = np.sum(grad * out, axis=self.axis, keepdims=True)
return out * (grad - inner)
