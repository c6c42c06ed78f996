# wrong: onehot - s
# --- SoftmaxCrossEntropy.backward

grad = probs.copy()
grad[np.arange(len(labels)), labels] -= 1
grad = -grad
grad /= len(labels)
return Tensor._wrap(grad)
