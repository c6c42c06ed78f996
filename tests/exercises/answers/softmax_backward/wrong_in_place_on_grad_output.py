# wrong: works in place in grad_output, changing the caller's array
grad -= np.sum(grad * out, axis=self.axis, keepdims=True)
grad *= out
return Tensor._wrap(grad)
