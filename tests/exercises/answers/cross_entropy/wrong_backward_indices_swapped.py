# wrong: grad[labels, rows]: the indices swapped, which labels 0, 1 of two samples hide
# --- SoftmaxCrossEntropy.backward
grad = probs.copy()
grad[labels, np.arange(len(labels))] -= 1
return Tensor._wrap(grad / len(labels))
