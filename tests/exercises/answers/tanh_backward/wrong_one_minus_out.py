# wrong: 1 - h instead of 1 - h**2
return Tensor._wrap(grad * (1 - out))
