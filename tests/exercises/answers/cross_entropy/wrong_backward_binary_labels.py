# wrong: written for two classes, label 1 or not
# --- SoftmaxCrossEntropy.backward
grad = probs.copy()
grad[:, 1] -= labels == 1
grad[:, 0] -= labels != 1
return Tensor._wrap(grad / len(labels))
