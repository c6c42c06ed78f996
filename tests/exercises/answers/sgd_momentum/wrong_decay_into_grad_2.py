# wrong: adds the weight decay into p.grad in place
g = grad
if self.weight_decay:
    g += self.weight_decay * parameter.data
if self.momentum:
    v = self.velocities[index]
    if v is None:
        v = self.velocities[index] = g.copy()
    else:
        v *= self.momentum
        v += g
    g = v
parameter.data -= self.lr * g
