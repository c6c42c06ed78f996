# wrong: the first velocity is p.grad itself, so the next step scales the caller's gradient
if self.weight_decay:
    grad = grad + self.weight_decay * parameter.data
if self.momentum:
    velocity = self.velocities[index]
    if velocity is None:
        velocity = self.velocities[index] = grad
    else:
        velocity *= self.momentum
        velocity += grad
    grad = velocity
parameter.data -= self.lr * grad
