# wrong: float(f(v)) directly: an array result gives a TypeError, not the ValueError
point = np.array(x.data if isinstance(x, Tensor) else x, dtype=np.float64)
grad = np.zeros_like(point)
flat_point, flat_grad = point.reshape(-1), grad.reshape(-1)

def one(v):
    return float(f(v))

for i in range(flat_point.size):
    original = flat_point[i]
    flat_point[i] = original + eps
    plus = one(point)
    flat_point[i] = original - eps
    minus = one(point)
    flat_point[i] = original
    flat_grad[i] = (plus - minus) / (2 * eps)
return grad
