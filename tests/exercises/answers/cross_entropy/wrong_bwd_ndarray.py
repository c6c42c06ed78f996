# wrong: returns an ndarray
# --- SoftmaxCrossEntropy.backward

grad = probs.copy()
grad[np.arange(len(labels)), labels] -= 1
grad /= len(labels)
return grad
