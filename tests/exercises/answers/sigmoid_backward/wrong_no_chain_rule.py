# wrong: returns the local derivative only, forgetting to multiply by grad_output
return Tensor._wrap(out * (1 - out))
