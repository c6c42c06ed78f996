# wrong: leaves each entry at x - eps, so later entries are differentiated at a moved point
def value(point):
    result = np.asarray(f(point))
    if result.size != 1:
        raise ValueError(f"numerical_gradient needs f to return one number; it returned shape {result.shape}")
    return float(result.reshape(()))
point = np.array(x.data if isinstance(x, Tensor) else x, dtype=np.float64)
grad = np.zeros_like(point)

flat, out = point.reshape(-1), grad.reshape(-1)
for i in range(flat.size):
    original = flat[i]
    flat[i] = original + eps
    up = value(point)
    flat[i] = original - eps
    down = value(point)
    out[i] = (up - down) / (2 * eps)
return grad
