# right: reversed(list(enumerate(...))), hasattr check
grad = grad_output
for position, module in reversed(list(enumerate(self.modules))):
    if not hasattr(module, "backward") or not callable(module.backward):
        raise TypeError(f"Sequential.backward: module {position} ({module!r}) has no backward()")
    grad = module.backward(grad, input_grad=True if position != 0 else input_grad)
return grad
