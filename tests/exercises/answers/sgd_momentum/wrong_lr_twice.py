# wrong: the learning rate goes into the velocity and into the step
if self.weight_decay:
    grad = grad + self.weight_decay * parameter.data
if self.momentum:
    velocity = self.velocities[index]
    if velocity is None:
        velocity = self.velocities[index] = self.lr * grad
    else:
        velocity *= self.momentum
        velocity += self.lr * grad
    grad = velocity
parameter.data -= self.lr * grad
