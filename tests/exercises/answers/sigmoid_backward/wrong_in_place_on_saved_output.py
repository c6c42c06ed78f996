# wrong: computes h (1 - h) in place in the saved output: a second call differs
out *= 1 - out
return Tensor._wrap(grad * out)
