# wrong: np.asarray keeps integer arrays and lists as integers instead of float32
a = np.asarray(A.data if isinstance(A, Tensor) else A)
b = np.asarray(B.data if isinstance(B, Tensor) else B)

check_matmul_shapes(a.shape, b.shape)
m, n = a.shape
p = b.shape[1]
C = np.zeros((m, p), dtype=np.result_type(a.dtype, b.dtype))
for i in range(m):
    for j in range(p):
        for k in range(n):
            C[i, j] += a[i, k] * b[k, j]
if isinstance(A, Tensor) or isinstance(B, Tensor):
    return Tensor._wrap(C)
return C
