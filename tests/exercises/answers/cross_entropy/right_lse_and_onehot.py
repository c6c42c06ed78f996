# right: forward via lse = m + log(sum exp(z - m)), probabilities exp(z - lse); backward with a one-hot matrix
# --- SoftmaxCrossEntropy.forward
m = z.max(axis=1)
lse = m + np.log(np.exp(z - m[:, None]).sum(axis=1))
self.last_probabilities = np.exp(z - lse[:, None])
self.last_labels = y
return float(np.mean(lse - z[rows, y]))
# --- SoftmaxCrossEntropy.backward
onehot = np.zeros_like(probs)
onehot[np.arange(len(labels)), labels] = 1
return Tensor._wrap((probs - onehot) / len(labels))
