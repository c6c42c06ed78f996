# right: grad - grad * out**2
return Tensor._wrap(grad - grad * out ** 2)
