# wrong: out**2 - 1, the sign flipped
return Tensor._wrap(grad * (out * out - 1))
