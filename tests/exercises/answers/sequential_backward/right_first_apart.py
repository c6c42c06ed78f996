# right: the modules after the first in reverse, then the first with the caller's input_grad
def backward_of(position):
    module = self.modules[position]
    if not hasattr(module, "backward"):
        raise TypeError(f"Sequential.backward: module {position} ({module!r}) has no backward()")
    return module.backward
for position in range(len(self.modules) - 1, 0, -1):
    grad_output = backward_of(position)(grad_output)
if self.modules:
    return backward_of(0)(grad_output, input_grad=input_grad)
return grad_output
