# wrong: takes the saved output for the input: sigma(h) (1 - sigma(h))
s = 1 / (1 + np.exp(-out))
return Tensor._wrap(grad * s * (1 - s))
