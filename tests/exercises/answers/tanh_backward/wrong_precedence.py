# wrong: grad * 1 - h**2 (the parentheses forgotten)
return Tensor._wrap(grad * 1 - out * out)
