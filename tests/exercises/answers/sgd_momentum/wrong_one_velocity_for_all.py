# wrong: one velocity shared by every parameter
if self.weight_decay:
    grad = grad + self.weight_decay * parameter.data
if self.momentum:
    velocity = self.velocities[0]
    if velocity is None:
        velocity = self.velocities[0] = grad.copy()
    else:
        velocity = self.velocities[0] = self.momentum * velocity + grad
    grad = velocity
parameter.data -= self.lr * grad
