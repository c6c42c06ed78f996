# wrong: s(<g, s> - g)
inner = np.sum(grad * out, axis=self.axis, keepdims=True)
return Tensor._wrap(out * (inner - grad))
