# wrong: no check: a module without backward fails with an AttributeError
for position in reversed(range(len(self.modules))):
    grad_output = self.modules[position].backward(grad_output, input_grad=input_grad or position > 0)
return grad_output
