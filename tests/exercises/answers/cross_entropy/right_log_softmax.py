# right: the log-softmax of every entry first; the probabilities as its exp; one-hot by np.eye in the logits' dtype
# --- SoftmaxCrossEntropy.forward
top = z.max(axis=1, keepdims=True)
log_probs = z - (top + np.log(np.exp(z - top).sum(axis=1, keepdims=True)))
self.last_probabilities, self.last_labels = np.exp(log_probs), y
return -float(np.mean(log_probs[rows, y]))
# --- SoftmaxCrossEntropy.backward
onehot = np.eye(probs.shape[1], dtype=probs.dtype)[labels]
return Tensor((probs - onehot) / probs.dtype.type(len(labels)))
