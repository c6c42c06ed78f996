# wrong: returns a numpy float64, not a Python float
# --- SoftmaxCrossEntropy.forward
shifted = z - z.max(axis=1, keepdims=True)
exps = np.exp(shifted)
sums = exps.sum(axis=1, keepdims=True)
self.last_probabilities = exps / sums
self.last_labels = y
return np.mean(np.log(sums[:, 0]) - shifted[rows, y], dtype=np.float64)
