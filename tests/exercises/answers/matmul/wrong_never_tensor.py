# wrong: returns an ndarray even when an operand is a Tensor
a = A.data if isinstance(A, Tensor) else Tensor(A).data
b = B.data if isinstance(B, Tensor) else Tensor(B).data

check_matmul_shapes(a.shape, b.shape)
m, n = a.shape
p = b.shape[1]
C = np.zeros((m, p), dtype=np.result_type(a.dtype, b.dtype))
for i in range(m):
    for j in range(p):
        for k in range(n):
            C[i, j] += a[i, k] * b[k, j]
return C
