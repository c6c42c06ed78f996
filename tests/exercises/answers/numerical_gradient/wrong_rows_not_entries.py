# wrong: loops over len(x), so a 2-D point is stepped a whole row at a time
def value(point):
    result = np.asarray(f(point))
    if result.size != 1:
        raise ValueError(f"numerical_gradient needs f to return one number; it returned shape {result.shape}")
    return float(result.reshape(()))
point = np.array(x.data if isinstance(x, Tensor) else x, dtype=np.float64)
grad = np.zeros_like(point)

for i in range(len(point)):
    original = point[i].copy()
    point[i] = original + eps
    up = value(point)
    point[i] = original - eps
    down = value(point)
    point[i] = original
    grad[i] = (up - down) / (2 * eps)
return grad
