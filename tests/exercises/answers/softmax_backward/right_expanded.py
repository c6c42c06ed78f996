# right: s*g - s*<g, s>, expanded
dot = (grad * out).sum(axis=self.axis, keepdims=True)
return Tensor._wrap(out * grad - out * dot)
