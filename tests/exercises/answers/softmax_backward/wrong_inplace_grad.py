# wrong: computes in grad_output's array
inner = np.sum(grad * out, axis=self.axis, keepdims=True)
grad -= inner
grad *= out
return Tensor._wrap(grad)
