# wrong: multiplies grad_output in place, changing the caller's array
grad *= out * (1 - out)
return Tensor._wrap(grad)
