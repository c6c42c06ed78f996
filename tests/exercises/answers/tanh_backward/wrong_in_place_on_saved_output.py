# wrong: turns the saved output into the derivative in place: a second call differs
np.multiply(out, out, out=out)
np.subtract(1, out, out=out)
return Tensor._wrap(grad * out)
