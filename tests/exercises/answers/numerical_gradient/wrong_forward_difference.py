# wrong: the one-sided difference (f(x + eps) - f(x)) / eps: its error is of order eps
def value(point):
    result = np.asarray(f(point))
    if result.size != 1:
        raise ValueError(f"numerical_gradient needs f to return one number; it returned shape {result.shape}")
    return float(result.reshape(()))
point = np.array(x.data if isinstance(x, Tensor) else x, dtype=np.float64)
grad = np.zeros_like(point)

flat, out = point.reshape(-1), grad.reshape(-1)
f_here = value(point)
for i in range(flat.size):
    original = flat[i]
    flat[i] = original + eps
    out[i] = (value(point) - f_here) / eps
    flat[i] = original
return grad
