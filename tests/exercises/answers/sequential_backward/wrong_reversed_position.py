# wrong: counts positions in the reversed list, so input_grad goes to the last module
for position, module in enumerate(reversed(self.modules)):
    if not callable(getattr(module, "backward", None)):
        raise TypeError(f"Sequential.backward: module {position} ({module!r}) has no backward()")
    grad_output = module.backward(grad_output, input_grad=input_grad or position > 0)
return grad_output
