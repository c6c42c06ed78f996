# wrong: grad[:, labels] -= 1 hits whole columns
# --- SoftmaxCrossEntropy.backward

grad = probs.copy()
grad[:, labels] -= 1
grad /= len(labels)
return Tensor._wrap(grad)
