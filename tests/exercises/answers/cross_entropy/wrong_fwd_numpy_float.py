# wrong: returns a numpy float32, not a Python float
# --- SoftmaxCrossEntropy.forward

shifted = z - z.max(axis=1, keepdims=True)
exps = np.exp(shifted)
sums = exps.sum(axis=1, keepdims=True)
log_p = shifted - np.log(sums)
self.last_probabilities = exps / sums
self.last_labels = y
return -log_p[rows, y].mean()
