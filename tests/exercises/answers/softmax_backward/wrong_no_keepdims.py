# wrong: the inner product without keepdims does not broadcast back over the rows
inner = np.sum(grad * out, axis=self.axis)
return Tensor._wrap(out * (grad - inner))
