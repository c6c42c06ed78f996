# wrong: p.data = p.data - lr * g makes a new array (and float64 for a float64 grad)
g = grad
if self.weight_decay:
    g = g + self.weight_decay * parameter.data
if self.momentum:
    v = self.velocities[index]
    if v is None:
        v = self.velocities[index] = g.copy()
    else:
        v *= self.momentum
        v += g
    g = v
parameter.data = parameter.data - self.lr * g
