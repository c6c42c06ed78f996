# right: every module checked before any backward runs, then a countdown
for i, m in enumerate(self.modules):
    if not callable(getattr(m, "backward", None)):
        raise TypeError(f"Sequential.backward: module {i} ({m!r}) has no backward()")
g = grad_output
n = len(self.modules)
for step in range(n):
    pos = n - 1 - step
    g = self.modules[pos].backward(g, input_grad=(pos > 0) or input_grad)
return g
