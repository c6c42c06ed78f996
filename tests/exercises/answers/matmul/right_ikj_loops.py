# right: i-k-j loop order, operands converted through Tensor
a = A.data if isinstance(A, Tensor) else Tensor(A).data
b = B.data if isinstance(B, Tensor) else Tensor(B).data

check_matmul_shapes(a.shape, b.shape)
rows, inner = a.shape
cols = b.shape[1]
out = np.zeros((rows, cols), dtype=np.promote_types(a.dtype, b.dtype))
for i in range(rows):
    for k in range(inner):
        aik = a[i, k]
        for j in range(cols):
            out[i, j] = out[i, j] + aik * b[k, j]
wrap = isinstance(A, Tensor) or isinstance(B, Tensor)
return Tensor._wrap(out) if wrap else out
