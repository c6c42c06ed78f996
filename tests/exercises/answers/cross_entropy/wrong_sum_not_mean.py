# wrong: the sum over the batch instead of the mean
# --- SoftmaxCrossEntropy.forward
shifted = z - z.max(axis=1, keepdims=True)
exps = np.exp(shifted)
sums = exps.sum(axis=1, keepdims=True)
self.last_probabilities = exps / sums
self.last_labels = y
return float(np.sum(np.log(sums[:, 0]) - shifted[rows, y]))
