# wrong: only the diagonal of the Jacobian, s (1 - s), as if softmax were elementwise
return Tensor._wrap(grad * out * (1 - out))
