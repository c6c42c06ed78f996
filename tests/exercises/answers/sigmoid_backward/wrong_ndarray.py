# wrong: returns an ndarray
return grad * out * (1 - out)
