# wrong: returns a Tensor when A is one, but an ndarray when only B is
a, b = Tensor(A).data, Tensor(B).data
check_matmul_shapes(a.shape, b.shape)
C = np.zeros((a.shape[0], b.shape[1]), dtype=np.result_type(a, b))
for i in range(a.shape[0]):
    for j in range(b.shape[1]):
        for k in range(a.shape[1]):
            C[i, j] += a[i, k] * b[k, j]
return Tensor(C) if isinstance(A, Tensor) else C
