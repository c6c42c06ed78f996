# wrong: grad * (1 - out), the factor out dropped
return Tensor._wrap(grad * (1 - out))
