# wrong: multiplies grad_output in place, changing the caller's array
grad *= 1 - out * out
return Tensor._wrap(grad)
