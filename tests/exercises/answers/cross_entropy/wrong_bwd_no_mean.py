# wrong: s - onehot without the 1/N
# --- SoftmaxCrossEntropy.backward

grad = probs.copy()
grad[np.arange(len(labels)), labels] -= 1
return Tensor._wrap(grad)
