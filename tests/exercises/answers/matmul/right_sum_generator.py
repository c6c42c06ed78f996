# right: each entry a Python sum over k, result dtype from np.result_type
a = A.data if isinstance(A, Tensor) else Tensor(A).data
b = B.data if isinstance(B, Tensor) else Tensor(B).data

check_matmul_shapes(a.shape, b.shape)
m, n = a.shape
p = b.shape[1]
C = np.zeros((m, p), np.result_type(a, b))
for j in range(p):
    for i in range(m):
        C[i, j] = sum(a[i, k] * b[k, j] for k in range(n))
if any(isinstance(t, Tensor) for t in (A, B)):
    return Tensor._wrap(C)
return C
