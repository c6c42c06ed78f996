# wrong: numpy's global np.random.normal
std = np.sqrt(2.0 / fan_in)
return np.random.normal(0.0, std, size=(fan_in, fan_out)).astype(dtype)
