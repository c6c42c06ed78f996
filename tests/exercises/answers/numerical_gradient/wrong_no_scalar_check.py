# wrong: assigns whatever f returns: a vector-valued f gives numpy's error, not the documented one
point = np.array(x.data if isinstance(x, Tensor) else x, dtype=np.float64)
grad = np.zeros_like(point)
flat, out = point.reshape(-1), grad.reshape(-1)
for i in range(flat.size):
    original = flat[i]
    flat[i] = original + eps
    up = f(point)
    flat[i] = original - eps
    down = f(point)
    flat[i] = original
    out[i] = (up - down) / (2 * eps)
return grad
