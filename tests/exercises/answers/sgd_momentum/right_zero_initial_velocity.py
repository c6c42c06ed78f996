# right: the velocity starts at zeros (mu * 0 + g = g at the first step) and is rebuilt each step
if self.weight_decay:
    grad = grad + self.weight_decay * parameter.data
if self.momentum:
    previous = self.velocities[index]
    if previous is None:
        previous = np.zeros_like(grad)
    self.velocities[index] = self.momentum * previous + grad
    grad = self.velocities[index]
np.subtract(parameter.data, self.lr * grad, out=parameter.data, casting="same_kind")
