# wrong: C[i, j] = ... instead of +=: each entry keeps only the last term of its dot product
a, b = Tensor(A).data, Tensor(B).data
check_matmul_shapes(a.shape, b.shape)
m, n = a.shape
p = b.shape[1]
C = np.zeros((m, p), dtype=np.result_type(a.dtype, b.dtype))
for i in range(m):
    for j in range(p):
        for k in range(n):
            C[i, j] = a[i, k] * b[k, j]
return Tensor(C) if isinstance(A, Tensor) or isinstance(B, Tensor) else C
