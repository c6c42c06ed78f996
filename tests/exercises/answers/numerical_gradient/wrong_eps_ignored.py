# wrong: a fixed step of 1e-6, whatever eps says
def value(point):
    result = np.asarray(f(point))
    if result.size != 1:
        raise ValueError(f"numerical_gradient needs f to return one number; it returned shape {result.shape}")
    return float(result.reshape(()))
point = np.array(x.data if isinstance(x, Tensor) else x, dtype=np.float64)
grad = np.zeros_like(point)

step = 1e-6
flat, out = point.reshape(-1), grad.reshape(-1)
for i in range(flat.size):
    original = flat[i]
    flat[i] = original + step
    up = value(point)
    flat[i] = original - step
    down = value(point)
    flat[i] = original
    out[i] = (up - down) / (2 * step)
return grad
