# wrong: knows the Dense layer by name: only a Dense first module is told input_grad
from tinytorch_layers import Dense
for position in reversed(range(len(self.modules))):
    module = self.modules[position]
    if not callable(getattr(module, "backward", None)):
        raise TypeError(f"Sequential.backward: module {position} ({module!r}) has no backward()")
    if position == 0 and not input_grad:
        if isinstance(module, Dense):
            module.backward(grad_output, input_grad=False)
        else:
            module.backward(grad_output)
        return None
    grad_output = module.backward(grad_output)
return grad_output
