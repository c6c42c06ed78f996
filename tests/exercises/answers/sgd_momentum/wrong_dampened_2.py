# wrong: v = mu v + (1 - mu) g, an average, not PyTorch's sum
g = grad
if self.weight_decay:
    g = g + self.weight_decay * parameter.data
if self.momentum:
    v = self.velocities[index]
    if v is None:
        v = self.velocities[index] = g.copy()
    else:
        v *= self.momentum
        v += (1 - self.momentum) * g
    g = v
parameter.data -= self.lr * g
