# wrong: adds the weight decay to p.grad in place, changing the caller's gradient
if self.weight_decay:
    grad += self.weight_decay * parameter.data
if self.momentum:
    velocity = self.velocities[index]
    if velocity is None:
        velocity = self.velocities[index] = grad.copy()
    else:
        velocity *= self.momentum
        velocity += grad
    grad = velocity
parameter.data -= self.lr * grad
