# wrong: the velocity is kept, but the step uses the current gradient instead of it
if self.weight_decay:
    grad = grad + self.weight_decay * parameter.data
if self.momentum:
    velocity = self.velocities[index]
    if velocity is None:
        velocity = self.velocities[index] = grad.copy()
    else:
        velocity *= self.momentum
        velocity += grad
parameter.data -= self.lr * grad
