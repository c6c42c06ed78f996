# wrong: the weight decay added after the velocity, so it never enters it
if self.momentum:
    velocity = self.velocities[index]
    if velocity is None:
        velocity = self.velocities[index] = grad.copy()
    else:
        velocity *= self.momentum
        velocity += grad
    grad = velocity
if self.weight_decay:
    grad = grad + self.weight_decay * parameter.data
parameter.data -= self.lr * grad
