# wrong: a sign error, h**2 - 1
return Tensor._wrap(grad * (out * out - 1))
