# wrong: recomputes the sigmoid of the saved output as if it were the input
s = 1 / (1 + np.exp(-out))
return Tensor._wrap(grad * s * (1 - s))
