# right: np.nditer with a multi-index, the loop CS231n's notes use
def value(point):
    result = np.asarray(f(point))
    if result.size != 1:
        raise ValueError(f"numerical_gradient needs f to return one number; it returned shape {result.shape}")
    return float(result.reshape(()))
point = np.array(x.data if isinstance(x, Tensor) else x, dtype=np.float64)
grad = np.zeros_like(point)

entries = np.nditer(point, flags=["multi_index"], op_flags=["readwrite"])
while not entries.finished:
    index = entries.multi_index
    old = point[index]
    point[index] = old + eps
    f_plus = value(point)
    point[index] = old - eps
    f_minus = value(point)
    point[index] = old
    grad[index] = (f_plus - f_minus) / (2 * eps)
    entries.iternext()
return grad
