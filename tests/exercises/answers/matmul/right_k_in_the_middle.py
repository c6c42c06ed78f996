# right: another loop order (i, k, j), which walks rows of B; the same sums
a, b = Tensor(A).data, Tensor(B).data
check_matmul_shapes(a.shape, b.shape)
rows, inner = a.shape
cols = b.shape[1]
C = np.zeros((rows, cols), dtype=np.result_type(a, b))
for i in range(rows):
    for k in range(inner):
        a_ik = a[i, k]
        for j in range(cols):
            C[i, j] += a_ik * b[k, j]
return Tensor(C) if isinstance(A, Tensor) or isinstance(B, Tensor) else C
