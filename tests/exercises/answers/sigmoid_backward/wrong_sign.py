# wrong: a sign error, h (h - 1)
return Tensor._wrap(grad * out * (out - 1))
