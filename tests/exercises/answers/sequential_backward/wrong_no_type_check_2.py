# wrong: no check, so a plain function gives an AttributeError
for module in reversed(self.modules):
    grad_output = module.backward(grad_output, input_grad=input_grad or module is not self.modules[0])
return grad_output
