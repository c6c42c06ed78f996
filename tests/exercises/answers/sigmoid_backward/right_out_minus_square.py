# right: grad * (out - out**2)
return Tensor._wrap(grad * (out - out ** 2))
