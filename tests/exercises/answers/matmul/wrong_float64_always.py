# wrong: np.zeros without a dtype: every product is float64, two float32 matrices included
a, b = Tensor(A).data, Tensor(B).data
check_matmul_shapes(a.shape, b.shape)
m, n = a.shape
p = b.shape[1]
C = np.zeros((m, p))
for i in range(m):
    for j in range(p):
        for k in range(n):
            C[i, j] += a[i, k] * b[k, j]
return Tensor(C) if isinstance(A, Tensor) or isinstance(B, Tensor) else C
