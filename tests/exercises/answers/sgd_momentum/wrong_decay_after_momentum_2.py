# wrong: weight decay added after the velocity, not before
g = grad
if self.momentum:
    v = self.velocities[index]
    if v is None:
        v = self.velocities[index] = g.copy()
    else:
        v *= self.momentum
        v += g
    g = v
if self.weight_decay:
    g = g + self.weight_decay * parameter.data
parameter.data -= self.lr * g
