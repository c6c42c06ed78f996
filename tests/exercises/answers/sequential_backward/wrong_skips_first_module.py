# wrong: with input_grad=False it skips the first module, whose parameters then get no gradient
modules = self.modules if input_grad else self.modules[1:]
offset = len(self.modules) - len(modules)
for position in reversed(range(len(modules))):
    module = modules[position]
    if not callable(getattr(module, "backward", None)):
        raise TypeError(f"Sequential.backward: module {position + offset} ({module!r}) has no backward()")
    grad_output = module.backward(grad_output)
return grad_output if input_grad else None
