# right: pops the modules off a copy of the list, last first; the first one is told input_grad
remaining = list(enumerate(self.modules))
while remaining:
    position, module = remaining.pop()
    backward = getattr(module, "backward", None)
    if backward is None or not callable(backward):
        raise TypeError(f"Sequential.backward: module {position} ({module!r}) has no backward()")
    grad_output = backward(grad_output, input_grad=True if remaining else input_grad)
return grad_output
