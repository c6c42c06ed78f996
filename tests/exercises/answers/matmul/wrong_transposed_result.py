# wrong: C[j, i] instead of C[i, j]: the result is transposed (and a 2x3 by 3x4 product breaks)
a, b = Tensor(A).data, Tensor(B).data
check_matmul_shapes(a.shape, b.shape)
m, n = a.shape
p = b.shape[1]
C = np.zeros((m, p), dtype=np.result_type(a.dtype, b.dtype))
for i in range(m):
    for j in range(p):
        for k in range(n):
            C[j, i] += a[i, k] * b[k, j]
return Tensor(C) if isinstance(A, Tensor) or isinstance(B, Tensor) else C
