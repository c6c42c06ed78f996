# wrong: 1 - out instead of 1 - out**2
return Tensor._wrap(grad * (1 - out))
