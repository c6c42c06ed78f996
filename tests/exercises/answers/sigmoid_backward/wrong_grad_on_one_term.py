# wrong: g h - h**2: the upstream gradient multiplies only the first term
return Tensor._wrap(grad * out - out * out)
