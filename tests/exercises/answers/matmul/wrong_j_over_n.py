# wrong: the column loop runs over n (A's columns) instead of p (B's columns): square-only
a = A.data if isinstance(A, Tensor) else Tensor(A).data
b = B.data if isinstance(B, Tensor) else Tensor(B).data

check_matmul_shapes(a.shape, b.shape)
m, n = a.shape
p = b.shape[1]
C = np.zeros((m, p), dtype=np.result_type(a.dtype, b.dtype))
for i in range(m):
    for j in range(min(n, p)):
        for k in range(n):
            C[i, j] += a[i, k] * b[k, j]
if isinstance(A, Tensor) or isinstance(B, Tensor):
    return Tensor._wrap(C)
return C
