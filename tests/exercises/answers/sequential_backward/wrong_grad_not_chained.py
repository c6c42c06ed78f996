# wrong: every module gets the loss's gradient; the returns are dropped
result = grad_output
for position in range(len(self.modules) - 1, -1, -1):
    module = self.modules[position]
    if not callable(getattr(module, "backward", None)):
        raise TypeError(f"Sequential.backward: module {position} ({module!r}) has no backward()")
    result = module.backward(grad_output, input_grad=input_grad or position > 0)
return result
