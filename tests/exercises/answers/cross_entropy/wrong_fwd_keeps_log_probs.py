# wrong: keeps the log-probabilities for backward instead of the probabilities
# --- SoftmaxCrossEntropy.forward

shifted = z - z.max(axis=1, keepdims=True)
exps = np.exp(shifted)
sums = exps.sum(axis=1, keepdims=True)
log_p = shifted - np.log(sums)
self.last_probabilities = log_p
self.last_labels = y
return float(-log_p[rows, y].mean())
