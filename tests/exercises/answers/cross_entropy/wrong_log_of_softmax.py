# wrong: a stable softmax, then its log: a probability that underflows to 0 gives log(0)
# --- SoftmaxCrossEntropy.forward
exps = np.exp(z - z.max(axis=1, keepdims=True))
probs = exps / exps.sum(axis=1, keepdims=True)
self.last_probabilities = probs
self.last_labels = y
return float(-np.mean(np.log(probs[rows, y])))
