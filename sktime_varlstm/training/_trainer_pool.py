"""Traced train steps reused by every fit of the same architecture.

Keras traces a model's train step the first time that model is fitted, and
each fit of an estimator builds a new model: tracing is most of a small fit
(most of the time of a small fit). A grid search, a cross-validation or a
few seeds fit the same architecture again and again. The pool keeps, per
architecture, an idle *trainer*: a compiled copy whose train step is traced.
A fit of that architecture takes it, gives it the new network's initial
weights, random-generator states and optimizer state, trains it, copies the
result back into the new network and returns it to the pool. The same
numbers come out as training the new network itself; only the trace is
saved. A trainer is only ever used by one fit at a time (another thread
finds none and builds its own).
"""

from __future__ import annotations

import collections
import contextlib
import json
import threading

import keras

from ._devices import undistributed
from ._internals import LayoutMismatch, paired_variables, warn_once

__all__ = [
    "TRAINERS",
    "trainer_pool",
    "TrainerPool",
    "architecture_key",
    "copy_state",
    "set_trainer_pool_size",
]


_ENDS = ("input_layers", "output_layers")
# a "name" beside these keys is one Keras numbers per process: of a layer,
# a model or an optimizer (a dtype policy's name, "float32", stays)
_NUMBERED = {"trainable", "layers", "learning_rate"}


def architecture_key(model: keras.Model) -> str:
    """What two compiled models must share for one to train the other's weights.

    The model's config and compile config, without what only names or seeds
    an instance: the names of layers, model and optimizer (Keras numbers them
    per process, so two builds of one network differ) and ``seed`` entries
    (the weights and generator states are copied, so the seeds they came
    from do not matter). A constant learning rate is left out too: it is a
    variable of the optimizer, copied with its state, and a callback such as
    ``ReduceLROnPlateau`` changes it during a fit (a schedule stays in).
    """
    config = model.get_config()
    index = {layer["name"]: i for i, layer in enumerate(config.get("layers", []))}

    def canonical(item):
        if isinstance(item, dict):
            if "keras_history" in item:
                name, *rest = item["keras_history"]
                others = {k: v for k, v in item.items() if k != "keras_history"}
                return {
                    **canonical(others),
                    "keras_history": [index.get(name, name), *rest],
                }
            return {
                key: canonical(value)
                for key, value in item.items()
                if key != "seed"
                and not (key == "name" and _NUMBERED.intersection(item))
                and not (key == "learning_rate" and isinstance(value, (int, float)))
            }
        if isinstance(item, (list, tuple)):
            return [canonical(value) for value in item]
        return item

    def ends(item):  # ["name", 0, 0], or a list or dict of those
        if isinstance(item, dict):
            return {key: ends(value) for key, value in item.items()}
        if isinstance(item, (list, tuple)) and item and isinstance(item[0], str):
            return [index.get(item[0], item[0]), *item[1:]]
        if isinstance(item, (list, tuple)):
            return [ends(value) for value in item]
        return item

    layers = [
        {k: canonical(v) for k, v in layer.items() if k != "name"}
        for layer in config.get("layers", [])
    ]
    described = {
        "class": f"{type(model).__module__}.{type(model).__qualname__}",
        "config": canonical(
            {
                **{k: v for k, v in config.items() if k not in _ENDS},
                "layers": layers,
            }
        ),
        "ends": {key: ends(config.get(key)) for key in _ENDS},
        "compile": canonical(model.get_compile_config()),
    }
    return json.dumps(described, sort_keys=True, default=repr)


def copy_state(source: keras.Model, target: keras.Model) -> None:
    """Give ``target`` the values of ``source``'s variables, seed states included.

    Raises :class:`LayoutMismatch` (a ``ValueError``) when the variables do
    not pair up by shape, before anything is copied.
    """
    for from_variable, to_variable in paired_variables(
        source.variables, target.variables, "weights"
    ):
        to_variable.assign(from_variable)


def copy_optimizer_state(source: keras.Model, target: keras.Model) -> None:
    """Give ``target``'s optimizer the state of ``source``'s (built if need be)."""
    if not target.optimizer.built:
        target.optimizer.build(target.trainable_variables)
    for from_variable, to_variable in paired_variables(
        source.optimizer.variables, target.optimizer.variables, "optimizer state"
    ):
        to_variable.assign(from_variable)


class _Trainer:
    """A compiled model kept for its traced functions, and its optimizer at rest."""

    def __init__(self, model):
        self.model = model  # compiled, its optimizer built and at rest
        # a predict-only network has no optimizer (no attribute in keras < 3.5)
        optimizer = getattr(model, "optimizer", None)
        self.initial_optimizer_state = [
            keras.ops.convert_to_numpy(v)
            for v in (optimizer.variables if optimizer is not None else ())
        ]

    def load(self, model):
        """Take ``model``'s weights and optimizer state.

        An optimizer not built yet has only its step count and learning
        rate; the trainer's slots (moments …) are then set to their start.
        """
        copy_state(model, self.model)
        if model.optimizer.built:
            copy_optimizer_state(model, self.model)
            return
        for variable, value in zip(
            self.model.optimizer.variables, self.initial_optimizer_state, strict=True
        ):
            variable.assign(value)
        own = model.optimizer.variables  # iterations and learning rate
        trainers = self.model.optimizer.variables[: len(own)]
        for from_variable, to_variable in zip(own, trainers, strict=True):
            to_variable.assign(from_variable)

    def store_into(self, model):
        """Give ``model`` the trained weights and optimizer state."""
        copy_state(self.model, model)
        copy_optimizer_state(self.model, model)


class TrainerPool:
    """Idle trainers, one per architecture, the least recently used dropped.

    Parameters
    ----------
    max_size : int
        Most architectures kept. A trainer holds its traced graphs (some
        tens of megabytes), so the pool is small.
    """

    def __init__(self, max_size: int = 8):
        self.max_size = max_size
        self._idle = collections.OrderedDict()
        self._lock = threading.Lock()

    @contextlib.contextmanager
    def lend(self, model: keras.Model, *, training: bool):
        """The model to run in ``model``'s place: a trainer holding its state.

        ``training=True`` loads ``model``'s weights and optimizer state and,
        when the block ends without an error, copies the trained ones back;
        ``training=False`` loads the weights only. A trainer whose block
        raised is dropped, not given back. An empty pool, or a model under a
        distribution strategy, lends ``model`` itself.
        """
        if not self.max_size or not undistributed(model):
            yield model
            return
        key = architecture_key(model)
        with self._lock:
            trainer = self._idle.pop(key, None)
        if trainer is None:
            trainer = _Trainer(_compiled_copy(model))
        try:
            if training:
                trainer.load(model)
            else:
                copy_state(model, trainer.model)
        except LayoutMismatch:
            warn_once(
                "Keras creating the variables of equal model configs in one order",
                "the trainer pool is bypassed for this architecture (slower fits, "
                "same results)",
            )
            yield model
            return
        yield trainer.model
        if training:
            trainer.store_into(model)
        with self._lock:
            self._idle[key] = trainer
            self._idle.move_to_end(key)
            self._evict()

    def resize(self, max_size: int) -> None:
        """Keep at most ``max_size`` architectures from now on."""
        with self._lock:
            self.max_size = max_size
            self._evict()

    def _evict(self):
        while len(self._idle) > self.max_size:
            self._idle.popitem(last=False)

    def __len__(self):
        return len(self._idle)


def _compiled_copy(model: keras.Model) -> keras.Model:
    copy = model.__class__.from_config(model.get_config())
    if model.get_compile_config() is None:  # a network that only predicts
        return copy
    copy.compile_from_config(model.get_compile_config())  # builds the optimizer
    if not copy.optimizer.built:
        copy.optimizer.build(copy.trainable_variables)
    return copy


TRAINERS = TrainerPool()


def trainer_pool() -> TrainerPool:
    """The process's pool, which every fit and prediction uses by default."""
    return TRAINERS


def set_trainer_pool_size(max_size: int) -> None:
    """Keep traced trainers for at most ``max_size`` architectures (default 8).

    Each kept trainer holds its traced graphs (tens of megabytes for a small
    LSTM); ``0`` keeps none, so every fit traces its network anew.

    Examples
    --------
    >>> from sktime_varlstm import set_trainer_pool_size
    >>> set_trainer_pool_size(8)
    """
    if isinstance(max_size, bool) or not isinstance(max_size, int) or max_size < 0:
        raise ValueError(f"max_size must be an int >= 0; got {max_size!r}.")
    TRAINERS.resize(max_size)
