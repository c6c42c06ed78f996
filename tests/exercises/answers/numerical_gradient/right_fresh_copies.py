# right: each evaluation on a fresh copy, indexed with np.ndindex
def value(point):
    result = np.asarray(f(point))
    if result.size != 1:
        raise ValueError(f"numerical_gradient needs f to return one number; it returned shape {result.shape}")
    return float(result.reshape(()))
point = np.array(x.data if isinstance(x, Tensor) else x, dtype=np.float64)
grad = np.zeros_like(point)

for index in np.ndindex(point.shape):
    above, below = point.copy(), point.copy()
    above[index] += eps
    below[index] -= eps
    grad[index] = (value(above) - value(below)) / (2 * eps)
return grad
