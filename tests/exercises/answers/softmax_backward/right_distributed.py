# right: s g - s <g, s>, the product distributed, with np.einsum-free sums
weighted = out * grad
return Tensor._wrap(weighted - out * weighted.sum(axis=self.axis, keepdims=True))
