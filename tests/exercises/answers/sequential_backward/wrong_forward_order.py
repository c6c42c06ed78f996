# wrong: runs the modules first to last, as in the forward pass
for position, module in enumerate(self.modules):
    if not callable(getattr(module, "backward", None)):
        raise TypeError(f"Sequential.backward: module {position} ({module!r}) has no backward()")
    grad_output = module.backward(grad_output, input_grad=input_grad or position > 0)
return grad_output
