# right: moves the axis last, works row by row with a loop, and moves it back
moved = np.moveaxis(data, self.axis, -1)
result = np.empty_like(moved)
for index in np.ndindex(moved.shape[:-1]):
    row = moved[index]
    e = np.exp(row - row.max())
    result[index] = e / e.sum()
self.last_output = np.moveaxis(result, -1, self.axis)
return Tensor._wrap(self.last_output)
