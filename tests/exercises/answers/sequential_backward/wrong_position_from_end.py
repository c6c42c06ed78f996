# wrong: the message counts positions from the end
for steps_back, module in enumerate(reversed(self.modules)):
    position = len(self.modules) - 1 - steps_back
    if not callable(getattr(module, "backward", None)):
        raise TypeError(f"Sequential.backward: module {steps_back} ({module!r}) has no backward()")
    grad_output = module.backward(grad_output, input_grad=input_grad or position > 0)
return grad_output
