# wrong: a sign error: the weight decay subtracted from the gradient
if self.weight_decay:
    grad = grad - self.weight_decay * parameter.data
if self.momentum:
    velocity = self.velocities[index]
    if velocity is None:
        velocity = self.velocities[index] = grad.copy()
    else:
        velocity *= self.momentum
        velocity += grad
    grad = velocity
parameter.data -= self.lr * grad
