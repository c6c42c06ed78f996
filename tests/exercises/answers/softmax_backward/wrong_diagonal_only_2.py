# wrong: only the Jacobian's diagonal, s(1 - s) g
return Tensor._wrap(out * (1 - out) * grad)
