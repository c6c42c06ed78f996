# wrong: checks the inner sizes by hand but not that both operands are matrices: a vector B slips through
a, b = Tensor(A).data, Tensor(B).data
if a.shape[-1] != b.shape[0]:
    check_matmul_shapes(a.shape, b.shape)
m, n = a.shape
p = b.shape[1] if b.ndim == 2 else 1
C = np.zeros((m, p), dtype=np.result_type(a.dtype, b.dtype))
for i in range(m):
    for j in range(p):
        for k in range(n):
            C[i, j] += a[i, k] * (b[k, j] if b.ndim == 2 else b[k])
return Tensor(C) if isinstance(A, Tensor) or isinstance(B, Tensor) else C
