# wrong: never passes input_grad on, so it always returns dL/dx
for position in range(len(self.modules) - 1, -1, -1):
    module = self.modules[position]
    if not callable(getattr(module, "backward", None)):
        raise TypeError(f"Sequential.backward: module {position} ({module!r}) has no backward()")
    grad_output = module.backward(grad_output)
return grad_output
