"""Hyper-parameters: constraints declared as data, one validator, one store.

Every estimator declares ``_hyperparameter_constraints`` (not scikit-learn's
``_parameter_constraints``, whose checks expect scikit-learn's own private
constraint classes), a dict from parameter
name to the list of constraints its value may satisfy (any one is enough).
:func:`validate_parameters` checks them all at the start of ``fit``, before
anything changes, and writes every error the same way. The training
parameters that all estimators share are constrained once here
(:data:`TRAINING_CONSTRAINTS`) and documented once in ``_shared_docs``.

This module imports neither Keras nor TensorFlow, so the command line can
read its choices without starting TensorFlow.
"""

from __future__ import annotations

import inspect
import numbers
from dataclasses import dataclass

import numpy as np

from ..data import BATCHING_STRATEGIES

__all__ = [
    "CLASSIFIER_CONSTRAINTS",
    "DISTRIBUTION_STRATEGIES",
    "FRACTION",
    "InstanceOf",
    "Interval",
    "NON_NEGATIVE",
    "NON_NEGATIVE_INT",
    "Options",
    "POSITIVE_INT",
    "POSITIVE_SIZES",
    "RECURRENT_CONSTRAINTS",
    "Sequence",
    "TEST_BATCH_SIZE",
    "TRAINING_CONSTRAINTS",
    "store_parameters",
    "training_constraints",
    "validate_parameters",
]

DISTRIBUTION_STRATEGIES = ("mirrored",)
# get_test_params' batch size: sktime's 10-18 test series make one or two
# batches an epoch, and its suite fits hundreds of times (batching is tested
# in tests/test_batching.py and tests/test_variable_length.py)
TEST_BATCH_SIZE = 16


# --- constraints -------------------------------------------------------------
@dataclass(frozen=True)
class Interval:
    """A number of ``kind`` (``int`` or ``float``) between ``low`` and ``high``.

    ``closed`` is ``"both"``, ``"left"``, ``"right"`` or ``"neither"``; a
    bound of ``None`` is infinite. An ``int`` satisfies a ``float`` interval;
    a ``bool`` satisfies neither.
    """

    kind: type
    low: float | None = None
    high: float | None = None
    closed: str = "both"

    def is_satisfied_by(self, value) -> bool:
        abstract = numbers.Integral if self.kind is int else numbers.Real
        if isinstance(value, bool) or not isinstance(value, abstract):
            return False
        left = self.closed in ("both", "left")
        right = self.closed in ("both", "right")
        above = self.low is None or (value >= self.low if left else value > self.low)
        below = self.high is None or (
            value <= self.high if right else value < self.high
        )
        return bool(above and below)

    def __str__(self) -> str:
        kind = "an int" if self.kind is int else "a float"
        if self.low is None and self.high is None:
            return kind
        closed_left = self.closed in ("both", "left") and self.low is not None
        closed_right = self.closed in ("both", "right") and self.high is not None
        left, right = "[" if closed_left else "(", "]" if closed_right else ")"
        low = "-inf" if self.low is None else f"{self.low:g}"
        high = "inf" if self.high is None else f"{self.high:g}"
        return f"{kind} in the range {left}{low}, {high}{right}"


@dataclass(frozen=True)
class Options:
    """One of a few values (strings, usually)."""

    values: tuple

    def is_satisfied_by(self, value) -> bool:
        return isinstance(value, (str, bool)) and value in self.values

    def __str__(self) -> str:
        return f"one of {self.values}"


@dataclass(frozen=True)
class Sequence:
    """A tuple or list of ``length`` items, each satisfying ``item``.

    Any length if ``length`` is ``None``; ``allow_empty=False`` needs at
    least one item.
    """

    item: object
    length: int | None = None
    allow_empty: bool = True

    def is_satisfied_by(self, value) -> bool:
        if not isinstance(value, (tuple, list)):
            return False
        if self.length is not None and len(value) != self.length:
            return False
        if not value and not self.allow_empty:
            return False
        return all(_satisfies(self.item, v) for v in value)

    def __str__(self) -> str:
        size = "" if self.length is None else f"{self.length} "
        some = "" if self.allow_empty or self.length else "non-empty "
        return f"a {some}tuple of {size}{_describe(self.item, plural=True)}"


@dataclass(frozen=True)
class InstanceOf:
    """An instance of a class named by its import path.

    The class is imported only when a value is checked, so Keras and
    TensorFlow load only when they are used.
    """

    path: str
    description: str

    def is_satisfied_by(self, value) -> bool:
        module, _, name = self.path.rpartition(".")
        if not type(value).__module__.startswith(module.split(".")[0]):
            return False  # not from that library: no need to import it
        import importlib

        return isinstance(value, getattr(importlib.import_module(module), name))

    def __str__(self) -> str:
        return self.description


POSITIVE_INT = Interval(int, 1, None)
NON_NEGATIVE_INT = Interval(int, 0, None)
FRACTION = Interval(float, 0, 1, closed="left")  # dropout-like: [0, 1)
NON_NEGATIVE = Interval(float, 0, None)
POSITIVE_SIZES = Sequence(POSITIVE_INT, allow_empty=False)  # layer sizes


def _satisfies(constraint, value) -> bool:
    if constraint is None:
        return value is None
    if isinstance(constraint, type):
        return isinstance(value, constraint) and not (
            constraint is not bool and isinstance(value, bool)
        )
    return constraint.is_satisfied_by(value)


def _describe(constraint, plural=False) -> str:
    if constraint is None:
        return "None"
    if isinstance(constraint, type):
        names = {str: "str", dict: "dict", list: "list", bool: "bool"}
        name = names.get(constraint, constraint.__name__)
        return f"{name}s" if plural else f"a {name}"
    text = str(constraint)
    if plural and text.startswith(("an int", "a float")):
        text = text.replace("an int", "ints", 1).replace("a float", "floats", 1)
    return text


def store_parameters(estimator, arguments: dict) -> None:
    """Set every argument of ``type(estimator).__init__`` as an attribute.

    An estimator's ``__init__`` calls ``store_parameters(self, locals())``: each
    parameter is stored unchanged under its own name, scikit-learn's contract
    for ``get_params``, ``set_params`` and ``clone``.
    """
    for name in inspect.signature(type(estimator).__init__).parameters:
        if name != "self":
            setattr(estimator, name, arguments[name])


def validate_parameters(estimator) -> None:
    """Raise unless every declared parameter of ``estimator`` is allowed.

    Raises
    ------
    ValueError
        Naming the first parameter that satisfies none of its constraints,
        what it may be, and what it is.

    Examples
    --------
    >>> class Tiny:
    ...     _hyperparameter_constraints = {"n_epochs": [POSITIVE_INT]}
    ...     n_epochs = 0
    >>> validate_parameters(Tiny())
    Traceback (most recent call last):
    ...
    ValueError: The 'n_epochs' parameter of Tiny must be an int in the range [1, inf); got 0.
    """  # noqa: E501
    for name, constraints in estimator._hyperparameter_constraints.items():
        value = getattr(estimator, name)
        if any(_satisfies(c, value) for c in constraints):
            continue
        allowed = " or ".join(_describe(c) for c in constraints)
        raise ValueError(
            f"The {name!r} parameter of {type(estimator).__name__} must be "
            f"{allowed}; got {value!r}."
        )


# --- the training parameters every estimator has --------------------------
TRAINING_CONSTRAINTS = {
    "n_epochs": [POSITIVE_INT, Options(("auto",))],
    "batch_size": [POSITIVE_INT],
    "batching": [Options(BATCHING_STRATEGIES)],
    "max_timesteps_per_batch": [None, POSITIVE_INT],
    "optimizer": [
        str,
        InstanceOf("keras.optimizers.Optimizer", "a keras.optimizers.Optimizer"),
    ],
    "learning_rate": [None, Interval(float, 0, None)],
    "validation_split": [FRACTION],
    "early_stopping_patience": [None, POSITIVE_INT],
    "reduce_lr_patience": [None, POSITIVE_INT],
    "callbacks": [None, list],
    "random_state": [None, NON_NEGATIVE_INT, np.random.RandomState],
    "verbose": [NON_NEGATIVE_INT, bool],
    "distribution_strategy": [
        None,
        Options(DISTRIBUTION_STRATEGIES),
        InstanceOf("tensorflow.distribute.Strategy", "a tf.distribute.Strategy"),
    ],
}

# The classifiers' own shared parameters.
CLASSIFIER_CONSTRAINTS = {"class_weight": [None, dict, Options(("balanced",))]}

# The recurrent classifiers' (LSTMClassifier, LSTMFCNClassifier) own.
RECURRENT_CONSTRAINTS = {
    "units": [POSITIVE_SIZES],
    "dense_units": [Sequence(POSITIVE_INT)],
    "dense_activation": [None, str],
    "dropout": [FRACTION],
    "l2": [NON_NEGATIVE],
    "random_crop": [None, Interval(float, 0, 1, closed="right")],
}


def training_constraints(without=()) -> dict:
    """:data:`TRAINING_CONSTRAINTS` less the parameters an estimator fixes."""
    return {k: v for k, v in TRAINING_CONSTRAINTS.items() if k not in without}
