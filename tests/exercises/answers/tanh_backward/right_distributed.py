# right: the product distributed, g - g h^2
return Tensor._wrap(grad - grad * out * out)
