r"""Softmax cross-entropy: the loss of a classifier that outputs raw scores (logits)."""

from __future__ import annotations

from typing import Any

import numpy as np

from .checks import as_array, check_labels
from .tensor import Tensor

__all__ = ["SoftmaxCrossEntropy"]


class SoftmaxCrossEntropy:
    r"""Mean cross-entropy of softmax probabilities, fused: :math:`-\frac1N\sum_n \log s_{n,y_n}`.

    For logits :math:`z` (one row per sample) and integer labels :math:`y`,
    :math:`\log s_{n,k} = z_{n,k} - \log\sum_j e^{z_{n,j}}`. The log-sum-exp is computed
    after subtracting each row's maximum, so every exponent is at most 0: logits of
    :math:`\pm 1000` give a finite loss and no warning. Fusing softmax and the log this
    way, as ``torch.nn.CrossEntropyLoss`` and Keras's ``from_logits=True`` do, avoids the
    :math:`\log 0` a separate softmax would run into. The gradient is simple:
    :math:`\partial L/\partial z = (s - \mathrm{onehot}(y)) / N`.

    Call it as ``loss_fn(logits, labels)``; then :meth:`backward` returns the gradient
    with respect to the logits of that call.

    Shape:
        - logits: ``(batch, classes)``, floats.
        - labels: ``(batch,)``, integers in ``[0, classes)``.
        - Returns a Python float, the mean over the batch.

    Examples:
        >>> loss_fn = SoftmaxCrossEntropy()
        >>> round(loss_fn(Tensor([[0.0, 0.0, 0.0, 0.0]]), np.array([2])), 6)  # log 4
        1.386294
        >>> loss_fn(Tensor([[1000.0, -1000.0]]), np.array([1]))  # finite: 2000
        2000.0
        >>> print(np.round(loss_fn.backward().data, 4))  # (softmax - onehot) / N
        [[ 1. -1.]]
    """

    #: The softmax probabilities of the last call, which backward needs; None before.
    last_probabilities: np.ndarray | None = None
    #: The labels of the last call.
    last_labels: np.ndarray | None = None

    def __call__(self, logits: Any, labels: Any) -> float:
        return self.forward(logits, labels)

    def forward(self, logits: Any, labels: Any) -> float:
        r"""The mean loss over the batch, a Python float; keeps what :meth:`backward` needs.

        Args:
            logits: Raw scores ``(batch, classes)``: a Tensor, an ndarray or nested lists.
            labels: Integer classes ``(batch,)``.

        Raises:
            ValueError: ``logits`` is not 2-D or has no rows; ``labels`` has the wrong
                length or a class outside ``[0, classes)``.
            TypeError: ``labels`` are not integers (floats, booleans).

        Examples:
            >>> loss_fn = SoftmaxCrossEntropy()
            >>> logits = Tensor([[2.0, 1.0, 0.1], [0.5, 2.5, 0.0]])
            >>> loss = loss_fn(logits, np.array([0, 1]))
            >>> type(loss).__name__, round(loss, 4)
            ('float', 0.3069)
            >>> round(loss_fn(logits, np.array([2, 0])), 4)  # any classes, not only 0 and 1
            2.2569
            >>> round(loss_fn(logits + 1000.0, np.array([0, 1])), 4)  # a shift changes nothing
            0.3069

            Rows that span thousands give finite losses and no overflow warning:

            >>> loss_fn(Tensor([[-1000.0, 1000.0]]), np.array([0]))
            2000.0
            >>> round(loss_fn(Tensor([[-1000.0, 0.0, 1000.0], [0.0, 0.0, 0.0]]), np.array([1, 2])), 2)
            500.55
            >>> loss_fn(logits, np.array([0, 3]))
            Traceback (most recent call last):
            ...
            ValueError: SoftmaxCrossEntropy: label 3 is out of range for 3 classes (labels must be 0 to 2)
            >>> loss_fn(logits, np.array([0.0, 1.0]))
            Traceback (most recent call last):
            ...
            TypeError: SoftmaxCrossEntropy needs integer class labels, got dtype float64
            >>> loss_fn(logits, np.array([0]))
            Traceback (most recent call last):
            ...
            ValueError: SoftmaxCrossEntropy needs one label per row of logits: labels of shape (2,), got shape (1,)
            >>> loss_fn(np.array([2.0, 1.0, 0.1]), np.array([0]))  # one sample is still a batch
            Traceback (most recent call last):
            ...
            ValueError: SoftmaxCrossEntropy needs logits of shape (batch, classes) with batch >= 1, got shape (3,)
        """
        z = as_array(logits)
        if z.ndim != 2 or z.shape[0] == 0:
            raise ValueError(
                f"SoftmaxCrossEntropy needs logits of shape (batch, classes) with batch >= 1, "
                f"got shape {z.shape}"
            )
        y = check_labels(labels, *z.shape)
        rows = np.arange(z.shape[0])
        # BEGIN SOLUTION
        shifted = z - z.max(axis=1, keepdims=True)  # every exponent <= 0: no overflow
        exps = np.exp(shifted)
        sums = exps.sum(axis=1, keepdims=True)
        log_probs_of_labels = shifted[rows, y] - np.log(sums[:, 0])
        self.last_probabilities = exps / sums
        self.last_labels = y
        return float(-log_probs_of_labels.mean())
        # END SOLUTION

    def backward(self) -> Tensor:
        r"""dL/d(logits) of the last call, a Tensor of the logits' shape and dtype.

        It is computed from what the last call kept (the softmax probabilities and the
        labels), which it leaves unchanged, so a second call gives the same result.

        Raises:
            RuntimeError: The loss has not been computed yet.

        Examples:
            >>> loss_fn = SoftmaxCrossEntropy()
            >>> loss = loss_fn(Tensor([[0.0, 0.0], [0.0, 0.0]]), np.array([0, 1]))
            >>> grad = loss_fn.backward()
            >>> grad.data.tolist()  # (0.5 - 1) / 2 and 0.5 / 2
            [[-0.25, 0.25], [0.25, -0.25]]
            >>> type(grad).__name__, grad.dtype
            ('Tensor', dtype('float32'))

            Three samples of three classes, labelled 2, 0 and 1:

            >>> logits = Tensor([[0.0, 0.0, 0.0], [0.0, np.log(2.0), 0.0], [5.0, 5.0, 5.0]])
            >>> loss = loss_fn(logits, np.array([2, 0, 1]))
            >>> print(np.round(loss_fn.backward().data, 4))
            [[ 0.1111  0.1111 -0.2222]
             [-0.25    0.1667  0.0833]
             [ 0.1111 -0.2222  0.1111]]
            >>> first = loss_fn.backward().data.tolist()
            >>> loss_fn.backward().data.tolist() == first  # the same again
            True

            Checked against central differences in float64:

            >>> from tinytorch_layers import numerical_gradient, relative_error
            >>> logits = np.random.default_rng(0).standard_normal((4, 3))
            >>> labels = np.array([0, 2, 1, 2])
            >>> loss = loss_fn(logits, labels)
            >>> analytic = loss_fn.backward().data
            >>> numeric = numerical_gradient(lambda z: SoftmaxCrossEntropy()(z, labels), logits)
            >>> analytic.dtype, bool(relative_error(analytic, numeric) < 1e-8)
            (dtype('float64'), True)
            >>> SoftmaxCrossEntropy().backward()
            Traceback (most recent call last):
            ...
            RuntimeError: SoftmaxCrossEntropy.backward needs a loss first: call loss_fn(logits, labels)
        """
        if self.last_probabilities is None or self.last_labels is None:
            raise RuntimeError(
                "SoftmaxCrossEntropy.backward needs a loss first: call loss_fn(logits, labels)"
            )
        probs, labels = self.last_probabilities, self.last_labels
        # BEGIN SOLUTION
        grad = probs.copy()  # the probabilities stay as they are, for a second call
        grad[np.arange(len(labels)), labels] -= 1
        grad /= len(labels)
        return Tensor._wrap(grad)
        # END SOLUTION

    def __repr__(self) -> str:
        return "SoftmaxCrossEntropy()"
