# wrong: shifted by each row's minimum: the largest exponent is the spread of the row
# --- SoftmaxCrossEntropy.forward
shifted = z - z.min(axis=1, keepdims=True)
exps = np.exp(shifted)
sums = exps.sum(axis=1, keepdims=True)
self.last_probabilities = exps / sums
self.last_labels = y
return float(np.mean(np.log(sums[:, 0]) - shifted[rows, y]))
