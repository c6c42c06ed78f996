# wrong: shifted[:, y] picks whole columns (a batch-by-batch matrix), averaged
# --- SoftmaxCrossEntropy.forward
shifted = z - z.max(axis=1, keepdims=True)
exps = np.exp(shifted)
sums = exps.sum(axis=1, keepdims=True)
self.last_probabilities = exps / sums
self.last_labels = y
return float(np.mean(np.log(sums) - shifted[:, y]))
