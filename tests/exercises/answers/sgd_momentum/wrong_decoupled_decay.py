# wrong: decoupled weight decay (AdamW's), p -= lr * decay * p apart from the velocity
if self.weight_decay:
    parameter.data -= self.lr * self.weight_decay * parameter.data
if self.momentum:
    velocity = self.velocities[index]
    if velocity is None:
        velocity = self.velocities[index] = grad.copy()
    else:
        velocity *= self.momentum
        velocity += grad
    grad = velocity
parameter.data -= self.lr * grad
