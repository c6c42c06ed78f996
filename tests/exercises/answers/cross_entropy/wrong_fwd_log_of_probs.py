# wrong: -log(softmax) after the division: log(0) = -inf when a probability underflows
# --- SoftmaxCrossEntropy.forward

shifted = z - z.max(axis=1, keepdims=True)
exps = np.exp(shifted)
probs = exps / exps.sum(axis=1, keepdims=True)
self.last_probabilities = probs
self.last_labels = y
return float(-np.log(probs[rows, y]).mean())
