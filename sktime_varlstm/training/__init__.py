"""The training layer: the one training loop every estimator uses, and its aids.

:func:`fit_network` trains a compiled network on length batches
(:class:`LengthBatches`, :func:`to_tf_dataset`) under a :class:`TrainingConfig`;
:func:`predict_network` runs it. Around them: the pool of traced trainers
(:func:`set_trainer_pool_size`), the epoch count and learning-rate schedule
(:func:`auto_epochs`, :class:`WarmupCosineLearningRate`), seeding
(:func:`seed_from`, :func:`with_explicit_seeds`, :func:`make_optimizer`),
devices (:func:`resolve_distribution_strategy`) and the release of what
TensorFlow keeps of each fit. Every use of a private TensorFlow, Keras,
scikit-learn, sktime or skbase API lives in :mod:`._internals`.
"""

from ._config import TrainingConfig
from ._dataset import LengthBatches, to_tf_dataset
from ._devices import for_replicas, resolve_distribution_strategy, undistributed
from ._internals import (
    check_detector_input,
    skbase_not_fitted_error,
    sklearn_lent_attributes,
    warn_once,
)
from ._loop import (
    EpochTimer,
    fit_network,
    predict_network,
    steady_epoch_seconds,
)
from ._schedule import AUTO_EPOCHS, WarmupCosineLearningRate, auto_epochs, warmup_cosine
from ._seeding import make_optimizer, seed_from, with_explicit_seeds
from ._trainer_pool import (
    TrainerPool,
    architecture_key,
    copy_state,
    set_trainer_pool_size,
    trainer_pool,
)

__all__ = [
    "AUTO_EPOCHS",
    "EpochTimer",
    "LengthBatches",
    "TrainerPool",
    "TrainingConfig",
    "WarmupCosineLearningRate",
    "architecture_key",
    "auto_epochs",
    "check_detector_input",
    "copy_state",
    "fit_network",
    "for_replicas",
    "make_optimizer",
    "predict_network",
    "resolve_distribution_strategy",
    "seed_from",
    "set_trainer_pool_size",
    "skbase_not_fitted_error",
    "sklearn_lent_attributes",
    "steady_epoch_seconds",
    "to_tf_dataset",
    "trainer_pool",
    "undistributed",
    "warmup_cosine",
    "warn_once",
    "with_explicit_seeds",
]
