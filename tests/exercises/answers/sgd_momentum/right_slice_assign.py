# right: np.copy / np.add into the velocity, update by slice assignment
step = grad + self.weight_decay * parameter.data if self.weight_decay else grad
if self.momentum:
    if self.velocities[index] is None:
        self.velocities[index] = np.copy(step)
    else:
        self.velocities[index] = np.add(self.momentum * self.velocities[index], step)
    step = self.velocities[index]
parameter.data[...] = parameter.data - self.lr * step
