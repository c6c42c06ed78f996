# wrong: takes the saved output for the input and differentiates tanh there: 1 - tanh(h)**2
return Tensor._wrap(grad * (1 - np.tanh(out) ** 2))
