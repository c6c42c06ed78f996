# right: g h - g h^2, the product distributed
return Tensor._wrap(grad * out - grad * out ** 2)
