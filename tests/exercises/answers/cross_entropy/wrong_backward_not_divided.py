# wrong: the gradient is not divided by the batch size
# --- SoftmaxCrossEntropy.backward
grad = probs.copy()
grad[np.arange(len(labels)), labels] -= 1
return Tensor._wrap(grad)
