# wrong: shifted by each row's mean: exponents still reach half the spread
# --- SoftmaxCrossEntropy.forward
shifted = z - z.mean(axis=1, keepdims=True)
exps = np.exp(shifted)
sums = exps.sum(axis=1, keepdims=True)
self.last_probabilities = exps / sums
self.last_labels = y
return float(np.mean(np.log(sums[:, 0]) - shifted[rows, y]))
