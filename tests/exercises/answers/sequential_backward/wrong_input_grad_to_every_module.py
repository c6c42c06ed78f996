# wrong: passes input_grad to every module, so the chain breaks with input_grad=False
for position in reversed(range(len(self.modules))):
    module = self.modules[position]
    if not callable(getattr(module, "backward", None)):
        raise TypeError(f"Sequential.backward: module {position} ({module!r}) has no backward()")
    grad_output = module.backward(grad_output, input_grad=input_grad)
return grad_output
