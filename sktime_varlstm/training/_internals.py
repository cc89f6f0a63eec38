"""Every use of a private TensorFlow, Keras, scikit-learn, sktime or skbase API.

The package relies on a few things those libraries do not promise to keep.
Each is reached only through a function here, which says what it relies on
and what happens without it, checks that it is there, and, when it is not,
**warns once** (naming the installed versions) and falls back to what works
without it. None fails silently. The versions each was written against are
the supported range in ``pyproject.toml``, which CI tests at both ends.
"""

from __future__ import annotations

import functools
import inspect
import warnings

__all__ = [
    "SKLEARN_LENT_ATTRIBUTES",
    "LayoutMismatch",
    "paired_variables",
    "sklearn_lent_attributes",
    "build_training_state",
    "check_detector_input",
    "clear_kernel_cache",
    "gradient_registry",
    "skbase_not_fitted_error",
    "warn_once",
]


def _versions() -> str:
    from importlib.metadata import PackageNotFoundError, version

    found = []
    for package in ("tensorflow", "keras", "scikit-learn", "sktime", "scikit-base"):
        try:
            found.append(f"{package} {version(package)}")
        except PackageNotFoundError:
            found.append(f"{package} (not installed)")
    return ", ".join(found)


@functools.cache
def warn_once(what: str, consequence: str) -> None:
    """Warn, once per process and ``what``, that a private API is gone."""
    warnings.warn(
        f"sktime_varlstm relies on {what}, which is not there ({_versions()}): "
        f"{consequence}. Please report it with these versions.",
        RuntimeWarning,
        stacklevel=3,
    )


# --- Keras: Model._symbolic_build -------------------------------------------
def build_training_state(model, batch) -> None:
    """Create the optimizer's and the metrics' variables before training.

    Relies on Keras' private ``Model._symbolic_build(data_batch=...)`` (Keras
    runs it first under a distribution strategy). Without a strategy, Keras
    3 creates those variables while tracing the first train step, and a
    ``tf.function`` that creates variables is traced twice: a third of the
    time of a small fit. Without it, Keras builds as it does on its own:
    the same numbers, a slower first epoch.
    """
    symbolic_build = getattr(model, "_symbolic_build", None)
    if symbolic_build is None:
        warn_once(
            "keras.Model._symbolic_build",
            "the first epoch of every fit traces its train step twice (slower, "
            "same results)",
        )
        return
    with model.distribute_strategy.scope():  # the strategy's variables
        symbolic_build(data_batch=batch)


# --- TensorFlow: the gradient registry and the eager context ----------------
def gradient_registry() -> dict | None:
    """TensorFlow's process-wide registry of gradient functions, or ``None``.

    Relies on ``tensorflow.python.framework.ops.gradient_registry._registry``,
    a dict from name to entry. ``tf.custom_gradient`` registers a function
    there for every traced train step, for good, holding the traced graph
    (tens of megabytes a fit); the training loop removes its own
    entries after each fit. Without the registry, memory grows with every
    fit of a new architecture.
    """
    try:
        from tensorflow.python.framework import ops
    except ImportError:
        ops = None
    registry = getattr(getattr(ops, "gradient_registry", None), "_registry", None)
    if not isinstance(registry, dict):
        warn_once(
            "tensorflow.python.framework.ops.gradient_registry._registry",
            "the graphs each fit traces are kept, so memory grows fit after fit",
        )
        return None
    return registry


def clear_kernel_cache() -> None:
    """Empty the eager context's kernel cache.

    Relies on ``tensorflow.python.eager.context.context().clear_kernel_cache``.
    Every fit builds new variables, and the cache keeps a kernel for each
    (about a megabyte a fit). Without it, that memory is kept.
    """
    try:
        from tensorflow.python.eager import context

        clear = context.context().clear_kernel_cache
    except (ImportError, AttributeError):
        warn_once(
            "tensorflow.python.eager.context.context().clear_kernel_cache",
            "TensorFlow's kernel cache grows by a little with every fit",
        )
        return
    clear()


# --- skbase: its NotFittedError --------------------------------------------
def skbase_not_fitted_error() -> type:
    """The ``NotFittedError`` class of skbase (``skbase._exceptions``).

    The package's ``NotFittedError`` derives from it and from
    scikit-learn's, so ``except`` clauses of both libraries catch it.
    Without it, scikit-learn's class alone is the base: sktime code that
    catches skbase's class would no longer catch the package's.
    """
    try:
        from skbase._exceptions import NotFittedError
    except ImportError:
        warn_once(
            "skbase._exceptions.NotFittedError",
            "NotFittedError derives from scikit-learn's only",
        )
        return Exception
    return NotFittedError


# --- scikit-learn: attributes its meta-estimators lend to a step ------------
SKLEARN_LENT_ATTRIBUTES = ("_parent_callback_ctx",)


@functools.cache
def sklearn_lent_attributes() -> tuple:
    """Attributes scikit-learn's meta-estimators set on a step during its fit.

    scikit-learn's callback support (``sklearn.callback``) sets
    ``_parent_callback_ctx`` on a step of a ``Pipeline`` or a search before
    fitting it and deletes it afterwards; sktime's ``reset`` (run at the
    start of ``fit``) would drop it and the deletion would fail, so the
    estimators keep these names across ``reset``. They are checked against
    scikit-learn's source: if its callback context no longer mentions them,
    this warns once (a ``Pipeline`` may then fail). Versions without
    ``sklearn.callback`` lend nothing, and nothing is checked.
    """
    try:
        from sklearn.callback import _callback_context
    except ImportError:  # no callbacks in this scikit-learn: none lent
        return SKLEARN_LENT_ATTRIBUTES
    try:
        source = inspect.getsource(_callback_context)
    except (OSError, TypeError):  # no source shipped: nothing to check against
        return SKLEARN_LENT_ATTRIBUTES
    if not all(name in source for name in SKLEARN_LENT_ATTRIBUTES):
        warn_once(
            f"scikit-learn's callback context setting {SKLEARN_LENT_ATTRIBUTES}",
            "a scikit-learn Pipeline or search may fail after fitting a step",
        )
    return SKLEARN_LENT_ATTRIBUTES


# --- Keras: the order of a model's and an optimizer's variables -------------
class LayoutMismatch(ValueError):
    """Two models of one architecture key whose variables do not pair up."""


def paired_variables(source, target, what: str) -> list:
    """``source``'s and ``target``'s variables in pairs, checked by shape.

    The trainer pool copies weights and optimizer state between two models
    built from one config, pairing variables by position. That relies on
    Keras creating the variables of equal configs in the same order, an
    order it does not document. A pair of different shapes raises
    :class:`LayoutMismatch`; the pool then warns once and trains the model
    itself (see ``TrainerPool.lend``).
    """
    source, target = list(source), list(target)
    pairs = list(zip(source, target, strict=False))
    bad = [(s, t) for s, t in pairs if tuple(s.shape) != tuple(t.shape)] or len(
        source
    ) != len(target)
    if bad:
        raise LayoutMismatch(
            f"{what}: {len(source)} and {len(target)} variables whose shapes do "
            "not pair up in order: not the same architecture, or Keras no "
            "longer creates variables in config order"
        )
    return pairs


# --- sktime: BaseDetector._check_X ------------------------------------------
def check_detector_input(detector, X):
    """Check and convert a detector's ``X`` as sktime itself does.

    Relies on ``BaseDetector._check_X``, the private check that sktime's
    ``fit`` and ``predict`` run, so ``update`` takes the same inputs they
    take. Without it, ``X`` is passed on as given: containers that sktime
    would have converted may then be refused by the detector's own checks.
    """
    check = getattr(detector, "_check_X", None)
    if check is None:
        warn_once(
            "sktime's BaseDetector._check_X",
            "LSTMSeriesDetector.update takes X without sktime's conversion",
        )
        return X
    return check(X)
