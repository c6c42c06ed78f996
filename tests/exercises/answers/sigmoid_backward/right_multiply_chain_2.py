# right: np.multiply(grad, out) then times (1 - out)
local = np.multiply(grad, out)
return Tensor._wrap(local * (1.0 - out))
