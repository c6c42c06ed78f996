# wrong: subtracts the batch's single maximum, not each row's: a low row underflows to log(0)
# --- SoftmaxCrossEntropy.forward

shifted = z - z.max()
exps = np.exp(shifted)
sums = exps.sum(axis=1, keepdims=True)
log_p = shifted - np.log(sums)
self.last_probabilities = exps / sums
self.last_labels = y
return float(-log_p[rows, y].mean())
