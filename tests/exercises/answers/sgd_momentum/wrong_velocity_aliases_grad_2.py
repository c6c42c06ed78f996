# wrong: the first velocity is p.grad itself (no copy), later changed in place
g = grad
if self.weight_decay:
    g = g + self.weight_decay * parameter.data
if self.momentum:
    v = self.velocities[index]
    if v is None:
        v = self.velocities[index] = g
    else:
        v *= self.momentum
        v += g
    g = v
parameter.data -= self.lr * g
