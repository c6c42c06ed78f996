# wrong: e^-h / (1 + e^-h)^2, the derivative in terms of the input, evaluated at the output
e = np.exp(-out)
return Tensor._wrap(grad * e / (1 + e) ** 2)
