# right: np.ndindex over the shape, a local helper for the one-number check
def value(point):
    result = f(point)
    array = np.asarray(result.data if isinstance(result, Tensor) else result)
    if array.size != 1:
        raise ValueError(f"numerical_gradient needs f to return one number; it returned shape {array.shape}")
    return float(array.item())

base = np.array(x.data if isinstance(x, Tensor) else x, dtype=np.float64, copy=True)
gradient = np.zeros(base.shape, dtype=np.float64)
for index in np.ndindex(base.shape):
    saved = base[index]
    base[index] = saved + eps
    above = value(base)
    base[index] = saved - eps
    below = value(base)
    base[index] = saved
    gradient[index] = (above - below) / (2 * eps)
return gradient
