# wrong: a dampened velocity, v = mu v + (1 - mu) g, which PyTorch's default does not do
if self.weight_decay:
    grad = grad + self.weight_decay * parameter.data
if self.momentum:
    velocity = self.velocities[index]
    if velocity is None:
        velocity = self.velocities[index] = grad.copy()
    else:
        velocity *= self.momentum
        velocity += (1 - self.momentum) * grad
    grad = velocity
parameter.data -= self.lr * grad
