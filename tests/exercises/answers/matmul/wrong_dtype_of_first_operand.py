# wrong: the result takes A's dtype, so float32 @ float64 rounds to float32
a, b = Tensor(A).data, Tensor(B).data
check_matmul_shapes(a.shape, b.shape)
m, n = a.shape
p = b.shape[1]
C = np.zeros((m, p), dtype=a.dtype)
for i in range(m):
    for j in range(p):
        for k in range(n):
            C[i, j] += a[i, k] * b[k, j]
return Tensor(C) if isinstance(A, Tensor) or isinstance(B, Tensor) else C
