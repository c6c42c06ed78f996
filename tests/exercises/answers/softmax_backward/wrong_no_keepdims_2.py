# wrong: <g, s> without keepdims: (batch,) does not broadcast
inner = np.sum(grad * out, axis=self.axis)
return Tensor._wrap(out * (grad - inner))
