# wrong: input_grad goes to the last module (the first to run backward) instead of the first
for position in range(len(self.modules) - 1, -1, -1):
    module = self.modules[position]
    if not callable(getattr(module, "backward", None)):
        raise TypeError(f"Sequential.backward: module {position} ({module!r}) has no backward()")
    grad_output = module.backward(grad_output, input_grad=input_grad or position < len(self.modules) - 1)
return grad_output
