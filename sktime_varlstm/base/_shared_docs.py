"""The docs of what every estimator shares, written once, put into each class.

:func:`document_shared_parameters` replaces two marker lines of a class
docstring: ``{shared parameters}`` with the entries of
:data:`SHARED_PARAMETER_DOCS` that the class's signature has (with the class's
own defaults), and ``{trained attributes}`` with :data:`TRAINED_ATTRIBUTE_DOCS`.
"""

from __future__ import annotations

import inspect

__all__ = [
    "SHARED_PARAMETER_DOCS",
    "TRAINED_ATTRIBUTE_DOCS",
    "document_shared_parameters",
]

# name: (type, description); "series" are clips for ConvLSTMClassifier.
SHARED_PARAMETER_DOCS = {
    "n_epochs": (
        'int or "auto"',
        """Largest number of passes over the training data. ``"auto"``: from
the data's size, about 1,500 weight updates but at most 6 million time
steps seen, within 20-600 epochs.""",
    ),
    "batch_size": ("int", "Largest number of series in a batch."),
    "batching": (
        '{"bucket", "per_sample", "pad"}',
        """``"bucket"``: batches of neighbouring lengths, padded to the batch's
longest series and masked. ``"per_sample"``: batch size 1, no padding.
``"pad"``: every batch padded to the longest series, masked.""",
    ),
    "max_timesteps_per_batch": (
        "int or None",
        """With ``"bucket"``, also cap ``series x time steps`` per batch: short
series travel in large batches, long ones in small batches.""",
    ),
    "optimizer": (
        "str or keras.optimizers.Optimizer",
        "Optimizer name or instance (an instance is copied, never trained).",
    ),
    "learning_rate": (
        "float or None",
        "Learning rate; ``None`` keeps the optimizer's own.",
    ),
    "validation_split": (
        "float",
        """Fraction of the training series held out (stratified by class for
classifiers) to monitor ``val_loss`` for early stopping and learning-rate
reduction; ``0`` monitors the training loss.""",
    ),
    "early_stopping_patience": (
        "int or None",
        "Stop after this many epochs without improvement, keep the best weights.",
    ),
    "reduce_lr_patience": (
        "int or None",
        "Halve the learning rate after this many epochs without improvement.",
    ),
    "callbacks": (
        "list of keras.callbacks.Callback or None",
        "Extra Keras callbacks.",
    ),
    "random_crop": (
        "float or None",
        """Train on random windows: every time a series is batched, a contiguous
stretch of it, between this fraction and all of it (drawn uniformly), is
shown instead of the whole series. A regularizer for long series whose
class shows anywhere in them; prediction always sees whole series.
``None`` trains on whole series.""",
    ),
    "class_weight": ('dict, "balanced" or None', "Weights of the classes in the loss."),
    "random_state": (
        "int, RandomState or None",
        """Seed of weights, batch order and validation split. The same seed gives
the same fitted network.""",
    ),
    "verbose": (
        "int",
        """0 prints nothing, 1 shows Keras' progress bar per epoch, 2 one line
per epoch.""",
    ),
    "distribution_strategy": (
        "str, tf.distribute.Strategy or None",
        """Train one network on several devices (data parallel): ``"mirrored"``
uses every GPU, or every logical CPU device when there is no GPU. A
``tf.distribute.Strategy`` object works too, but an estimator holding one
cannot be pickled (e.g. sent to Dask workers): prefer the name. ``None``
trains on the default device.""",
    ),
}

# Every estimator's fitted attributes from training its network.
TRAINED_ATTRIBUTE_DOCS = """    model_ : keras.Model
        The trained network (inputs ``values`` and ``mask``).
    history_ : dict
        Keras' training history (``loss``, ``val_loss`` …).
    epoch_seconds_ : numpy.ndarray
        Wall-clock seconds of every epoch.
    n_epochs_ : int
        Number of epochs actually run.
"""

_MARKER = "    {shared parameters}\n"
_ATTRIBUTES_MARKER = "    {trained attributes}\n"


def document_shared_parameters(cls):
    """Class decorator: put the shared docs where the markers are.

    The line ``{shared parameters}`` in the Parameters section becomes every
    parameter of the signature that has an entry in
    :data:`SHARED_PARAMETER_DOCS`, in signature order, with the default of
    the class; the line ``{trained attributes}`` in the Attributes section
    becomes :data:`TRAINED_ATTRIBUTE_DOCS`.
    """
    for marker in (_MARKER, _ATTRIBUTES_MARKER):
        if marker not in (cls.__doc__ or ""):
            raise ValueError(f"{cls.__name__}'s docstring lacks {marker.strip()}.")
    signature = inspect.signature(cls.__init__).parameters
    text = ""
    for name, parameter in signature.items():
        if name not in SHARED_PARAMETER_DOCS:
            continue
        kind, description = SHARED_PARAMETER_DOCS[name]
        text += f"    {name} : {kind}, default={_default_text(parameter.default)}\n"
        text += "".join(f"        {line}\n" for line in description.splitlines())
    doc = cls.__doc__.replace(_MARKER, text)
    cls.__doc__ = doc.replace(_ATTRIBUTES_MARKER, TRAINED_ATTRIBUTE_DOCS)
    return cls


def _default_text(default) -> str:
    return repr(default).replace("'", '"')  # numpydoc's habit: "bucket"
