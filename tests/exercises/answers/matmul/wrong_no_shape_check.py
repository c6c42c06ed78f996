# wrong: no shape check: mismatched shapes give an IndexError (or a wrong product), not the ValueError
a, b = Tensor(A).data, Tensor(B).data
m, n = a.shape
p = b.shape[1]
C = np.zeros((m, p), dtype=np.result_type(a.dtype, b.dtype))
for i in range(m):
    for j in range(p):
        for k in range(n):
            C[i, j] += a[i, k] * b[k, j]
return Tensor(C) if isinstance(A, Tensor) or isinstance(B, Tensor) else C
