# wrong: log_p[:, y] picks whole columns (an N x N block), not one entry per row
# --- SoftmaxCrossEntropy.forward

shifted = z - z.max(axis=1, keepdims=True)
exps = np.exp(shifted)
sums = exps.sum(axis=1, keepdims=True)
log_p = shifted - np.log(sums)
self.last_probabilities = exps / sums
self.last_labels = y
return float(-log_p[:, y].mean())
