# wrong: returns an ndarray, not a Tensor
inner = np.sum(grad * out, axis=self.axis, keepdims=True)
return out * (grad - inner)
