# wrong: returns an ndarray, not a Tensor
# --- SoftmaxCrossEntropy.backward
grad = probs.copy()
grad[np.arange(len(labels)), labels] -= 1
return grad / len(labels)
