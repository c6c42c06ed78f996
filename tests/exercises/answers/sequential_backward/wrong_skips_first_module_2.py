# wrong: the loop stops before the first module (range end 0, not -1)
for position in range(len(self.modules) - 1, 0, -1):
    module = self.modules[position]
    if not callable(getattr(module, "backward", None)):
        raise TypeError(f"Sequential.backward: module {position} ({module!r}) has no backward()")
    grad_output = module.backward(grad_output, input_grad=input_grad or position > 0)
return grad_output
