r"""The Dense (fully connected) layer: :math:`y = xW + b`."""

from __future__ import annotations

from typing import Any

import numpy as np

from .checks import as_array, float_dtype, positive_int
from .cost import MemoryEstimate, dense_forward_flops, dense_memory_bytes, dense_parameter_count
from .init import Initializer, RngLike, get_initializer
from .matmul import matmul
from .module import Module
from .tensor import DEFAULT_DTYPE, Tensor

__all__ = ["Dense"]


def _blas_layout(w: np.ndarray) -> np.ndarray:
    """Weights in the memory order that made :func:`_x_times_w` fastest; same values.

    float32 weights become column-major, so that ``w.T`` is a contiguous
    ``(output_size, input_size)`` matrix and a batch takes the ``(w.T @ x.T).T`` route;
    other dtypes keep their row-major order and the plain ``x @ w``. That is what
    ``python -m benchmarks.dense`` measured with OpenBLAS's SkylakeX kernels on 2 cores:
    the transposed route was faster than ``x @ W`` in float32 and slower in float64.

    Examples:
        >>> _blas_layout(np.ones((3, 2), dtype=np.float32)).flags.f_contiguous
        True
        >>> _blas_layout(np.ones((3, 2))).flags.c_contiguous  # float64: unchanged
        True
    """
    return np.asfortranarray(w) if w.dtype == np.float32 else w


def _x_times_w(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Return ``x @ w`` for a 1-D or 2-D ``x``, by the fastest route measured.

    Two choices, neither of which changes the numbers:

    - For a batch (2-D ``x`` with more than one row) and a column-major ``w`` (see
      :func:`_blas_layout`), the product is computed as ``(w.T @ x.T).T``. ``w.T`` is
      then a contiguous ``(output_size, input_size)`` matrix, the layout
      ``torch.nn.Linear`` keeps; BLAS sees the weights as its left operand and runs a
      different kernel, with the work divided among threads differently. The result is
      a transposed, column-major view.
    - :func:`numpy.dot` instead of ``@``: for 1-D and 2-D operands it is the same product
      and calls the same BLAS routines, with less dispatch overhead than the ``matmul``
      ufunc, which shows for tiny inputs.

    Examples:
        >>> x = np.arange(6.0).reshape(3, 2)
        >>> w = np.asfortranarray([[1.0, 2.0], [3.0, 4.0]])
        >>> bool(np.array_equal(_x_times_w(x, w), x @ w))
        True
        >>> bool(np.array_equal(_x_times_w(x[0], w), x[0] @ w))  # one sample
        True
    """
    # len(x) first: the cheapest test, and for one row (a tiny call) it settles the choice.
    if len(x) > 1 and x.ndim == 2 and w.flags.f_contiguous:
        return np.dot(w.T, x.T).T
    return np.dot(x, w)


def _xt_times_g(x: np.ndarray, g: np.ndarray, like: np.ndarray) -> np.ndarray:
    """Return ``x.T @ g`` in the memory order of ``like`` (the weights); same values.

    The weight gradient is later combined elementwise with the weights (the SGD update);
    arrays of the same memory order are walked in one pass, mixed orders by strides. For
    column-major weights the product is computed as ``(g.T @ x).T``, which is column-major.

    Examples:
        >>> x, g = np.arange(6.0).reshape(3, 2), np.ones((3, 4))
        >>> w = np.asfortranarray(np.zeros((2, 4)))
        >>> grad_w = _xt_times_g(x, g, like=w)
        >>> bool(np.array_equal(grad_w, x.T @ g)), grad_w.flags.f_contiguous
        (True, True)
    """
    if like.flags.f_contiguous and not like.flags.c_contiguous:
        return np.dot(g.T, x).T
    return np.dot(x.T, g)


def _g_times_wt(g: np.ndarray, w: np.ndarray, like: np.ndarray) -> np.ndarray:
    """Return ``g @ w.T`` in the memory order of ``like`` (the saved input); same values.

    The input gradient goes back to the module that made the input, typically an
    activation, which multiplies it elementwise with its saved output: the array ``like``.
    Two arrays of different memory order are combined by strided access, several times
    slower for large batches, so for a column-major ``like`` (the output of a float32
    Dense layer, see :func:`_x_times_w`) the product is computed as ``(w @ g.T).T``.

    Examples:
        >>> g, w = np.ones((3, 2)), np.arange(8.0).reshape(4, 2)
        >>> like = np.asfortranarray(np.zeros((3, 4)))
        >>> grad_x = _g_times_wt(g, w, like)
        >>> bool(np.array_equal(grad_x, g @ w.T)), grad_x.flags.f_contiguous
        (True, True)
    """
    if like.flags.f_contiguous and not like.flags.c_contiguous:
        return np.dot(w, g.T).T
    return np.dot(g, w.T)


class Dense(Module):
    r"""A fully connected layer: :math:`y = xW + b`.

    Every output is a weighted sum of every input plus a bias. The weights are stored
    ``(input_size, output_size)``, as in Keras, so the forward pass needs no transpose;
    ``torch.nn.Linear`` stores the transpose and computes :math:`xW^\top + b`.

    Args:
        input_size: Features per input sample (rows of W), a positive integer.
        output_size: Features per output sample (columns of W), a positive integer.
        use_bias: Add a learnable bias vector, initialised to zeros.
        init: How to draw the weights: a name in :data:`~tinytorch_layers.INITIALIZERS`
            (default ``"xavier_normal"``) or a callable ``f(fan_in, fan_out, *, rng, dtype)``.
        rng: A :class:`numpy.random.Generator`, an int seed, or None for fresh entropy.
        dtype: Float type of the weights and bias (default float32).
        use_naive_matmul: Compute with the triple-loop :func:`~tinytorch_layers.matmul`
            instead of numpy's BLAS-backed ``@``. Same results, slower: the book's chapters
            "Matrix multiplication" and "From loops to BLAS" time the two.

    Shape:
        - Input: ``(*, input_size)``: a single sample ``(input_size,)``, a batch
          ``(batch, input_size)``, or any number of leading dimensions, as in
          ``torch.nn.Linear``.
        - Output: ``(*, output_size)``, the same leading dimensions.

    Input of another dtype is converted to the layer's dtype (float32 by default), so the
    output always has the layer's dtype: a float64 array given to a float32 layer is
    rounded to float32 first, as a Keras layer does; ``torch.nn.Linear`` raises instead.

    Attributes:
        weights: Tensor of shape ``(input_size, output_size)``; Xavier normal by default,
            :math:`\mathcal{N}(0, 2/(n_{in}+n_{out}))`.
        bias: Tensor of shape ``(output_size,)``, zeros, or ``None`` without bias.

    Raises:
        TypeError: A size is not an integer (``2.5``, ``"3"``, ``True``), or ``dtype`` is
            not float32 or float64.
        ValueError: A size is not positive, or ``forward`` gets a scalar or the wrong
            feature count.

    Examples:
        >>> layer = Dense(784, 10, rng=0)
        >>> layer
        Dense(input_size=784, output_size=10, use_bias=True)
        >>> layer.weights.shape, layer.bias.shape
        ((784, 10), (10,))
        >>> layer(np.ones((32, 784))).shape
        (32, 10)
        >>> layer(np.ones((32, 784))).dtype  # float64 input, float32 layer
        dtype('float32')
        >>> layer(np.ones((4, 8, 784))).shape  # leading dimensions are kept
        (4, 8, 10)
        >>> layer.parameter_count
        7850

        The triple loop gives the same numbers as the default BLAS path:

        >>> x = np.random.default_rng(0).standard_normal((3, 4))
        >>> fast, naive = Dense(4, 2, rng=1), Dense(4, 2, rng=1, use_naive_matmul=True)
        >>> bool(np.allclose(naive(x).data, fast(x).data, rtol=1e-6))
        True

        Sizes and the dtype are checked when the layer is made:

        >>> Dense(784, 0)
        Traceback (most recent call last):
        ...
        ValueError: output_size must be a positive integer, got 0
        >>> Dense(2.5, 10)
        Traceback (most recent call last):
        ...
        TypeError: input_size must be a positive integer, got 2.5
        >>> Dense(3, 2, dtype=np.int32)
        Traceback (most recent call last):
        ...
        TypeError: Dense computes in float32 or float64, got dtype=int32
    """

    #: The input of the last :meth:`forward`, which :meth:`backward` needs; None before.
    last_input: np.ndarray | None = None

    def __init__(
        self,
        input_size: int,
        output_size: int,
        use_bias: bool = True,
        *,
        init: str | Initializer = "xavier_normal",
        rng: RngLike = None,
        dtype: Any = DEFAULT_DTYPE,
        use_naive_matmul: bool = False,
    ) -> None:
        r"""Check the sizes, draw the weights ``(input_size, output_size)``, make the bias.

        The weights come from the initialiser ``init``, called with the fans, ``rng`` and
        ``dtype``; the bias is zeros. Both are Tensors of the layer's dtype.

        Examples:
            >>> layer = Dense(5, 3, rng=0)
            >>> layer.weights.shape, layer.bias.shape  # not (3, 5): one column per output
            ((5, 3), (3,))
            >>> type(layer.weights).__name__, type(layer.bias).__name__
            ('Tensor', 'Tensor')
            >>> layer.weights.dtype, layer.bias.dtype, layer.bias.data.tolist()
            (dtype('float32'), dtype('float32'), [0.0, 0.0, 0.0])
            >>> double = Dense(5, 3, rng=0, dtype=np.float64)
            >>> double.weights.dtype, double.bias.dtype
            (dtype('float64'), dtype('float64'))
            >>> Dense(5, 3, use_bias=False).bias is None
            True

            Xavier normal by default: the standard deviation of the weights is
            :math:`\sqrt{2/(n_{in}+n_{out})}`, within five standard errors
            (:math:`\sigma/\sqrt{2n}` for :math:`n` normal draws):

            >>> wide = Dense(400, 100, rng=0)
            >>> std = np.sqrt(2 / (400 + 100))
            >>> bool(abs(wide.weights.data.std() - std) < 5 * std / np.sqrt(2 * 400 * 100))
            True

            Another initialiser by name or as a callable; the seed reaches it:

            >>> Dense(2, 3, init="zeros").weights.data.tolist()
            [[0.0, 0.0, 0.0], [0.0, 0.0, 0.0]]
            >>> def halves(fan_in, fan_out, *, rng, dtype):
            ...     return np.full((fan_in, fan_out), 0.5, dtype=dtype)
            >>> Dense(2, 1, init=halves, dtype=np.float64).weights.data.tolist()
            [[0.5], [0.5]]
            >>> he = get_initializer("he_normal")(4, 3, rng=7)
            >>> bool(np.array_equal(Dense(4, 3, init="he_normal", rng=7).weights.data, he))
            True
            >>> same = Dense(4, 3, rng=7).weights.data, Dense(4, 3, rng=7).weights.data
            >>> other = Dense(4, 3, rng=8).weights.data
            >>> bool(np.array_equal(*same)), bool(np.array_equal(same[0], other))
            (True, False)
        """
        self.input_size = positive_int("input_size", input_size)
        self.output_size = positive_int("output_size", output_size)
        float_dtype(dtype, "Dense computes in float32 or float64, got dtype={}")
        self.use_bias = bool(use_bias)
        self.use_naive_matmul = bool(use_naive_matmul)
        # BEGIN SOLUTION
        initializer = get_initializer(init)
        self.weights = Tensor(initializer(self.input_size, self.output_size, rng=rng, dtype=dtype))
        self.bias = Tensor(np.zeros(self.output_size, dtype=dtype)) if self.use_bias else None
        # Optional, for speed only: the same values in the memory order that makes
        # forward's _x_times_w fastest (column-major for float32).
        self.weights.data = _blas_layout(self.weights.data)
        # END SOLUTION

    def forward(self, x: Any) -> Tensor:
        """Compute ``x @ weights + bias`` for every sample of ``x``.

        Args:
            x: A Tensor, ndarray or nested list of shape ``(*, input_size)``: one sample
                ``(input_size,)``, a batch ``(batch, input_size)``, or more leading
                dimensions. It is converted to the layer's dtype first.

        Returns:
            A Tensor of shape ``(*, output_size)`` in the layer's dtype.

        Raises:
            ValueError: ``x`` is a scalar, or its last dimension is not ``input_size``.

        Examples:
            >>> layer = Dense(2, 2)
            >>> layer.weights = Tensor([[0.5, 0.3], [0.7, 0.4]])
            >>> layer.bias = Tensor([0.1, 0.2])
            >>> y = layer(Tensor([[1, 2]]))
            >>> type(y).__name__, y.shape, y.dtype
            ('Tensor', (1, 2), dtype('float32'))
            >>> [round(float(v), 4) for v in y.data[0]]
            [2.0, 1.3]
            >>> layer(Tensor([[1, 2, 3]]))
            Traceback (most recent call last):
            ...
            ValueError: Dense expected 2 input features, got 3 (input shape (1, 3))
            >>> layer = Dense(3, 2)  # 3 features in, 2 out; the batch below has 4 rows
            >>> layer.weights = Tensor([[1.0, 0.0], [0.0, 1.0], [2.0, -1.0]])
            >>> layer.bias = Tensor([0.5, -0.5])
            >>> batch = Tensor([[1, 2, 3], [0, 0, 0], [1, 0, 0], [0, 1, 0]])
            >>> layer(batch).data.tolist()  # the bias is added to every row
            [[7.5, -1.5], [0.5, -0.5], [1.5, -0.5], [0.5, 0.5]]
            >>> layer(Tensor([1, 2, 3])).data.tolist()  # one sample, no batch axis
            [7.5, -1.5]
            >>> layer(np.ones((5, 7, 3))).shape  # (*, in) -> (*, out)
            (5, 7, 2)
            >>> layer(np.array([1.0, 2.0, 3.0], dtype=np.float64)).dtype  # cast to float32
            dtype('float32')
            >>> no_bias = Dense(3, 2, use_bias=False)
            >>> no_bias.weights = layer.weights
            >>> no_bias(batch).data.tolist()
            [[7.0, -1.0], [0.0, 0.0], [1.0, 0.0], [0.0, 1.0]]

            A float64 layer computes in float64, nested lists included:

            >>> exact = Dense(3, 2, dtype=np.float64)
            >>> exact.weights = Tensor(np.array([[1.0, 0.0], [0.0, 1.0], [2.0, -1.0]]) / 3)
            >>> exact.bias = Tensor(np.array([0.0, 1.0]))
            >>> y = exact([[1, 2, 3]])
            >>> y.dtype, np.round(y.data, 10).tolist()
            (dtype('float64'), [[2.3333333333, 0.6666666667]])
        """
        data = self._checked_input(x)
        self.last_input = data  # kept for backward (a reference, not a copy)
        # (*, in) -> (rows, in): one sample per row. A batch is already in that shape.
        rows = data if data.ndim == 2 else data.reshape(-1, self.input_size)
        # BEGIN SOLUTION
        if self.use_naive_matmul:
            out = matmul(rows, self.weights.data)
        else:
            out = _x_times_w(rows, self.weights.data)  # rows @ weights
        if self.bias is not None:
            out += self.bias.data  # broadcast over the rows; in place, no extra array
        if data.ndim != 2:
            out = out.reshape(data.shape[:-1] + (self.output_size,))  # (rows, out) -> (*, out)
        return Tensor._wrap(out)
        # END SOLUTION

    def _checked_input(self, x: Any) -> np.ndarray:
        """``x`` as an array in the layer's dtype, after checking its shape.

        Casting, rather than raising like ``torch.nn.Linear``, because numpy makes float64
        arrays by default: the output keeps the layer's dtype whatever the input's.

        Examples:
            >>> layer = Dense(3, 2)
            >>> layer._checked_input(np.ones((2, 3))).dtype
            dtype('float32')
            >>> layer._checked_input(np.float32(1.0))
            Traceback (most recent call last):
            ...
            ValueError: Dense expects input of shape (*, 3), got shape ()
        """
        # The common input, a Tensor or an ndarray of the layer's dtype, costs two type
        # tests and no copy (see as_array); one shape lookup serves both checks.
        data = as_array(x, self.weights.data.dtype)
        shape = data.shape
        if not shape:
            raise ValueError(f"Dense expects input of shape (*, {self.input_size}), got shape ()")
        if shape[-1] != self.input_size:
            raise ValueError(
                f"Dense expected {self.input_size} input features, got {shape[-1]} "
                f"(input shape {shape})"
            )
        return data

    def backward(self, grad_output: Any, *, input_grad: bool = True) -> Tensor | None:
        r"""Backpropagate through :math:`y = xW + b`: fill the parameter grads, return dL/dx.

        Given :math:`G = \partial L/\partial y` for the output of the last :meth:`forward`,
        the gradients of the loss with respect to the weights and the bias are added to
        ``weights.grad`` and ``bias.grad``, each with its parameter's shape and dtype, and
        the gradient with respect to that forward pass's input :math:`x` is returned.

        Gradients accumulate, as in PyTorch: a second backward pass adds to ``.grad``;
        ``SGD.zero_grad()`` resets them. The input is the array
        :meth:`forward` kept in ``last_input``, not a copy: changing that array in place
        between the two calls changes the gradient.

        Args:
            grad_output: dL/dy, of the shape the last forward pass returned:
                ``(*, output_size)``, for example ``(batch, output_size)``, or
                ``(output_size,)`` for one sample.
            input_grad: Compute dL/dx. The first layer of a network may skip it (its
                input is data, not something to train), saving about half of its backward
                FLOPs (the product ``G @ W.T``, see the example below); PyTorch skips it for
                inputs that do not require grad. The parameters' gradients are filled
                either way.

        Returns:
            A Tensor dL/dx of the input's shape, or None if ``input_grad`` is False.

        Raises:
            RuntimeError: No forward pass has run yet.
            ValueError: ``grad_output`` does not have the output's shape.

        Examples:
            >>> layer = Dense(3, 2)
            >>> layer.weights = Tensor([[1.0, 0.0], [0.0, 1.0], [2.0, -1.0]])
            >>> layer.bias = Tensor([0.5, -0.5])
            >>> x = Tensor([[1, 2, 3], [0, -1, 2]])
            >>> y = layer(x)
            >>> grad_x = layer.backward(Tensor([[1, 2], [0, 1]]))  # G = dL/dy
            >>> type(grad_x).__name__, grad_x.shape, grad_x.dtype
            ('Tensor', (2, 3), dtype('float32'))
            >>> grad_x.data.tolist()
            [[1.0, 2.0, 0.0], [0.0, 1.0, -1.0]]
            >>> layer.weights.grad.tolist()  # shaped like W
            [[1.0, 2.0], [2.0, 3.0], [3.0, 8.0]]
            >>> layer.bias.grad.tolist(), layer.weights.grad.dtype, layer.bias.grad.dtype
            ([1.0, 3.0], dtype('float32'), dtype('float32'))
            >>> y = layer(Tensor([1, 2, 3]))  # one sample: no batch axis
            >>> layer.backward(Tensor([1, 0])).data.tolist()
            [1.0, 0.0, 2.0]
            >>> layer.weights.grad.tolist(), layer.bias.grad.tolist()  # both accumulated
            ([[2.0, 2.0], [4.0, 3.0], [6.0, 8.0]], [2.0, 3.0])
            >>> print(layer.backward(Tensor([0, 1]), input_grad=False))  # parameters only
            None
            >>> layer.weights.grad.tolist(), layer.bias.grad.tolist()
            ([[2.0, 3.0], [4.0, 5.0], [6.0, 11.0]], [2.0, 4.0])

            Skipping dL/dx saves the product ``G @ W.T``, ``2 * batch * in * out`` of the
            backward pass's FLOPs (:func:`~tinytorch_layers.dense_backward_flops`): for
            ``Dense(784, 512)``, the share saved is

            >>> from tinytorch_layers import dense_backward_flops
            >>> saved = 2 * 32 * 784 * 512  # G @ W.T for a batch of 32
            >>> round(saved / dense_backward_flops(32, 784, 512), 4)
            0.4998

            Checked against central differences in float64, for x, W and b:

            >>> from tinytorch_layers import numerical_gradient, relative_error
            >>> rng = np.random.default_rng(0)
            >>> layer = Dense(4, 3, rng=1, dtype=np.float64)
            >>> layer.bias.data[:] = rng.standard_normal(3)
            >>> x, g = rng.standard_normal((5, 4)), rng.standard_normal((5, 3))
            >>> y = layer(x)
            >>> grad_x = layer.backward(g).data
            >>> def loss(x=x, w=layer.weights.data, b=layer.bias.data):
            ...     return float(np.sum((x @ w + b) * g))  # dL/dy = g
            >>> checks = [(grad_x, numerical_gradient(lambda v: loss(x=v), x)),
            ...           (layer.weights.grad, numerical_gradient(lambda v: loss(w=v), layer.weights.data)),
            ...           (layer.bias.grad, numerical_gradient(lambda v: loss(b=v), layer.bias.data))]
            >>> [bool(relative_error(analytic, numeric) < 1e-8) for analytic, numeric in checks]
            [True, True, True]
            >>> grad_x.dtype, layer.weights.grad.dtype, layer.bias.grad.dtype
            (dtype('float64'), dtype('float64'), dtype('float64'))

            More leading dimensions, and the triple loop of the first chapter
            (``use_naive_matmul=True``), give the same gradients:

            >>> y = layer(x.reshape(5, 1, 4))
            >>> layer.backward(g.reshape(5, 1, 3)).shape
            (5, 1, 4)
            >>> slow = Dense(4, 3, rng=1, dtype=np.float64, use_naive_matmul=True)
            >>> _ = slow(x)
            >>> bool(np.allclose(slow.backward(g).data, grad_x))
            True
            >>> bool(np.allclose(2 * slow.weights.grad, layer.weights.grad))  # layer: twice
            True
            >>> Dense(4, 3).backward(np.ones((5, 3)))  # no forward pass yet
            Traceback (most recent call last):
            ...
            RuntimeError: Dense.backward needs the input of a forward pass: call the layer first
            >>> layer.backward(np.ones((5, 4)))
            Traceback (most recent call last):
            ...
            ValueError: Dense.backward expected grad_output of shape (5, 1, 3) (the output's shape for input shape (5, 1, 4)), got shape (5, 4)
        """
        x = self.last_input
        if x is None:
            raise RuntimeError(
                "Dense.backward needs the input of a forward pass: call the layer first"
            )
        grad = as_array(grad_output)
        expected = x.shape[:-1] + (self.output_size,)
        if grad.shape != expected:
            raise ValueError(
                f"Dense.backward expected grad_output of shape {expected} (the output's shape "
                f"for input shape {x.shape}), got shape {grad.shape}"
            )
        # One row per sample, so that a single sample is a batch of one.
        x_rows = x.reshape(-1, self.input_size)
        grad_rows = grad.reshape(-1, self.output_size)
        w = self.weights.data
        # Tensor.accumulate_grad adds to .grad, or stores the first gradient there.
        # BEGIN SOLUTION
        if self.use_naive_matmul:
            grad_w = matmul(x_rows.T, grad_rows)
        else:
            grad_w = _xt_times_g(x_rows, grad_rows, like=w)  # x.T @ G
        self.weights.accumulate_grad(grad_w)
        if self.bias is not None:
            self.bias.accumulate_grad(grad_rows.sum(axis=0))
        if not input_grad:
            return None
        if self.use_naive_matmul:
            grad_x = matmul(grad_rows, w.T)
        else:
            grad_x = _g_times_wt(grad_rows, w, like=x_rows)  # G @ W.T
        return Tensor._wrap(grad_x.reshape(x.shape))
        # END SOLUTION

    def parameters(self) -> list[Tensor]:
        """The weights, then the bias if there is one.

        Examples:
            >>> [p.shape for p in Dense(3, 2).parameters()]
            [(3, 2), (2,)]
            >>> [p.shape for p in Dense(3, 2, use_bias=False).parameters()]
            [(3, 2)]
        """
        return [self.weights] if self.bias is None else [self.weights, self.bias]

    @property
    def parameter_count(self) -> int:
        """The number of learnable values, ``input_size * output_size (+ output_size)``.

        Examples:
            >>> Dense(784, 512).parameter_count
            401920
        """
        return dense_parameter_count(self.input_size, self.output_size, self.use_bias)

    def forward_flops(self, batch_size: int = 1) -> int:
        """Floating-point operations of one forward pass: ``2 * batch * in * out``.

        Examples:
            >>> Dense(784, 512).forward_flops()
            802816
        """
        return dense_forward_flops(batch_size, self.input_size, self.output_size)

    def memory_bytes(self, batch_size: int = 1) -> MemoryEstimate:
        """Bytes of input, weights, bias and output for a batch, in the layer's dtype.

        Examples:
            >>> Dense(784, 512).memory_bytes(batch_size=32).total
            1773568
            >>> one = Dense(784, 512).memory_bytes()  # one sample unless told
            >>> one.total, one.total - Dense(784, 512, use_bias=False).memory_bytes().total
            (1612864, 2048)
        """
        return dense_memory_bytes(
            batch_size, self.input_size, self.output_size, self.weights.dtype, self.use_bias
        )

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(input_size={self.input_size}, "
            f"output_size={self.output_size}, use_bias={self.use_bias})"
        )
