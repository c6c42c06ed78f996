# wrong: builds one Jacobian from the output flattened: right for one sample, not for a batch
s = out.reshape(-1)
jacobian = np.diag(s) - np.outer(s, s)
return Tensor._wrap((grad.reshape(-1) @ jacobian).reshape(out.shape))
