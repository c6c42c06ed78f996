# wrong: returns the gradient's array, not the Tensor
for position in range(len(self.modules) - 1, -1, -1):
    module = self.modules[position]
    if not callable(getattr(module, "backward", None)):
        raise TypeError(f"Sequential.backward: module {position} ({module!r}) has no backward()")
    grad_output = module.backward(grad_output, input_grad=input_grad or position > 0)
return None if grad_output is None else np.asarray(grad_output.data)
