# wrong: returns an ndarray, not a Tensor
return grad * out * (1 - out)
