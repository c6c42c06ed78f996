# wrong: the loop bounds of i and j are swapped: right for square matrices only
a, b = Tensor(A).data, Tensor(B).data
check_matmul_shapes(a.shape, b.shape)
m, n = a.shape
p = b.shape[1]
C = np.zeros((m, p), dtype=np.result_type(a.dtype, b.dtype))
for i in range(p):
    for j in range(m):
        for k in range(n):
            C[i, j] += a[i, k] * b[k, j]
return Tensor(C) if isinstance(A, Tensor) or isinstance(B, Tensor) else C
