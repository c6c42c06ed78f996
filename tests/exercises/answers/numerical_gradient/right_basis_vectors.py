# right: steps along the rows of the identity matrix, reshaped to x's shape
base = np.array(Tensor(x).data if not isinstance(x, np.ndarray) else x, dtype=np.float64)
grad = np.empty(base.size)
for i, direction in enumerate(np.eye(base.size)):
    step = eps * direction.reshape(base.shape)
    results = [np.asarray(f(base + sign * step)) for sign in (1, -1)]
    for result in results:
        if result.size != 1:
            raise ValueError(f"numerical_gradient needs f to return one number; it returned shape {result.shape}")
    grad[i] = (results[0].item() - results[1].item()) / (2 * eps)
return grad.reshape(base.shape)
