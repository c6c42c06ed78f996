# right: exp(x - logsumexp(x)), the log-sum-exp computed max-shifted
peak = np.max(data, axis=self.axis, keepdims=True)
shifted = data - peak
log_total = np.log(np.sum(np.exp(shifted), axis=self.axis, keepdims=True))
result = np.exp(shifted - log_total)
self.last_output = result
return Tensor._wrap(result)
