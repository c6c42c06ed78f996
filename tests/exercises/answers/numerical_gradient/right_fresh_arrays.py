# right: a fresh perturbed copy per call, flat index steps
centre = np.asarray(x.data if isinstance(x, Tensor) else x, dtype=np.float64)
flat = centre.ravel()
out = np.empty(flat.size, dtype=np.float64)
for i in range(flat.size):
    up, down = flat.copy(), flat.copy()
    up[i] += eps
    down[i] -= eps
    values = []
    for point in (up, down):
        r = f(point.reshape(centre.shape))
        r = np.asarray(r.data if isinstance(r, Tensor) else r)
        if r.size != 1:
            raise ValueError(f"numerical_gradient needs f to return one number; it returned shape {r.shape}")
        values.append(float(r.reshape(-1)[0]))
    out[i] = (values[0] - values[1]) / (2 * eps)
return out.reshape(centre.shape)
