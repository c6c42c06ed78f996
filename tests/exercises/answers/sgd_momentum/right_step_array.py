# right: the step built in a fresh array with np.add and np.multiply, then subtracted with [...]
step = np.array(grad, dtype=np.result_type(grad, parameter.data), copy=True)
if self.weight_decay:
    np.add(step, self.weight_decay * parameter.data, out=step)
if self.momentum:
    if self.velocities[index] is None:
        self.velocities[index] = step.copy()
    else:
        np.multiply(self.velocities[index], self.momentum, out=self.velocities[index])
        self.velocities[index] += step
    step = self.velocities[index]
parameter.data[...] = parameter.data - self.lr * step
