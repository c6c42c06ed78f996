# wrong: multiplies row i of A by row j of B (a[i, k] * b[j, k]), as if B were stored transposed
a, b = Tensor(A).data, Tensor(B).data
check_matmul_shapes(a.shape, b.shape)
m, n = a.shape
p = b.shape[1]
C = np.zeros((m, p), dtype=np.result_type(a.dtype, b.dtype))
for i in range(m):
    for j in range(p):
        for k in range(n):
            C[i, j] += a[i, k] * b[j, k]
return Tensor(C) if isinstance(A, Tensor) or isinstance(B, Tensor) else C
