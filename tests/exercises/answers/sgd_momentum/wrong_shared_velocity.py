# wrong: one velocity for all parameters
g = grad
if self.weight_decay:
    g = g + self.weight_decay * parameter.data
if self.momentum:
    v = self.velocities[0]
    if v is None:
        v = self.velocities[0] = g.copy()
    else:
        v *= self.momentum
        v += g
    g = v
parameter.data -= self.lr * g
