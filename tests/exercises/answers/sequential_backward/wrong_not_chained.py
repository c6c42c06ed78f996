# wrong: hands every module the loss's gradient instead of the one from the module after it
result = None
for position in reversed(range(len(self.modules))):
    module = self.modules[position]
    if not callable(getattr(module, "backward", None)):
        raise TypeError(f"Sequential.backward: module {position} ({module!r}) has no backward()")
    result = module.backward(grad_output, input_grad=input_grad or position > 0)
return result
