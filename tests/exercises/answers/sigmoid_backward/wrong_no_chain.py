# wrong: forgets to multiply by grad_output
return Tensor._wrap(out * (1 - out))
