# wrong: (f(x - eps) - f(x + eps)) / 2 eps
point = np.array(x.data if isinstance(x, Tensor) else x, dtype=np.float64)
grad = np.zeros_like(point)
flat_point, flat_grad = point.reshape(-1), grad.reshape(-1)

def one(v):
    r = np.asarray(f(v))
    if r.size != 1:
        raise ValueError(f"numerical_gradient needs f to return one number; it returned shape {r.shape}")
    return float(r.reshape(()))

for i in range(flat_point.size):
    original = flat_point[i]
    flat_point[i] = original + eps
    plus = one(point)
    flat_point[i] = original - eps
    minus = one(point)
    flat_point[i] = original
    flat_grad[i] = (minus - plus) / (2 * eps)
return grad
