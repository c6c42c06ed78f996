# wrong: ignores input_grad: always returns the input gradient
for position in reversed(range(len(self.modules))):
    module = self.modules[position]
    if not callable(getattr(module, "backward", None)):
        raise TypeError(f"Sequential.backward: module {position} ({module!r}) has no backward()")
    grad_output = module.backward(grad_output)
return grad_output
