# wrong: tanh's derivative 1 - h**2 used for the sigmoid
return Tensor._wrap(grad * (1 - out * out))
