# wrong: returns the gradient it was given, not the one of the first module's input
grad = grad_output
for position in reversed(range(len(self.modules))):
    module = self.modules[position]
    if not callable(getattr(module, "backward", None)):
        raise TypeError(f"Sequential.backward: module {position} ({module!r}) has no backward()")
    grad = module.backward(grad, input_grad=input_grad or position > 0)
return grad_output if input_grad else None
