# wrong: checks hasattr only after calling: the TypeError names no position
for position in reversed(range(len(self.modules))):
    module = self.modules[position]
    try:
        grad_output = module.backward(grad_output, input_grad=input_grad or position > 0)
    except AttributeError:
        raise TypeError(f"{module!r} has no backward()") from None
return grad_output
