# wrong: the v = mu v - lr g, p += v form: the same steps here, but not the velocity PyTorch keeps
if self.weight_decay:
    grad = grad + self.weight_decay * parameter.data
if self.momentum:
    velocity = self.velocities[index]
    if velocity is None:
        velocity = self.velocities[index] = -self.lr * grad
    else:
        velocity *= self.momentum
        velocity -= self.lr * grad
    parameter.data += velocity
else:
    parameter.data -= self.lr * grad
