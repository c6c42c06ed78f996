# wrong: lr folded into the velocity (v = mu v + lr g)
g = grad
if self.weight_decay:
    g = g + self.weight_decay * parameter.data
if self.momentum:
    v = self.velocities[index]
    v = self.lr * g if v is None else self.momentum * v + self.lr * g
    self.velocities[index] = v
    parameter.data -= v
else:
    parameter.data -= self.lr * g
