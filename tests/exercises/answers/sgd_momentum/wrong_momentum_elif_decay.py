# wrong: weight decay only applied when there is no momentum (if/elif)
if self.momentum:
    v = self.velocities[index]
    if v is None:
        v = self.velocities[index] = grad.copy()
    else:
        v *= self.momentum
        v += grad
    parameter.data -= self.lr * v
elif self.weight_decay:
    parameter.data -= self.lr * (grad + self.weight_decay * parameter.data)
else:
    parameter.data -= self.lr * grad
