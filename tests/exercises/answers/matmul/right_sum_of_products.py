# right: each entry as a Python sum over zip(row, column), the inputs converted with np.asarray
def as_matrix(M):
    data = M.data if isinstance(M, Tensor) else np.asarray(M)
    return data if data.dtype.kind == "f" and not isinstance(M, list) else data.astype(np.float32)
a, b = as_matrix(A), as_matrix(B)
check_matmul_shapes(a.shape, b.shape)
C = np.zeros((a.shape[0], b.shape[1]), dtype=np.promote_types(a.dtype, b.dtype))
for i, row in enumerate(a):
    for j, column in enumerate(b.T):
        C[i, j] = sum(x * y for x, y in zip(row, column))
return Tensor(C) if any(isinstance(M, Tensor) for M in (A, B)) else C
