# wrong: sech(z)**2 written with the output in place of z
return Tensor._wrap(grad / np.cosh(out) ** 2)
