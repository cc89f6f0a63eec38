"""The estimator layer's base: what every estimator shares.

On top of its sktime base class (:class:`VarLengthEstimatorMixin`),
hyper-parameter constraints declared as data with one validator
(:func:`validate_parameters`), and the shared parameters' docs written once
(:func:`document_shared_parameters`).
"""

from ._dilated import DILATED_CONSTRAINTS, SCHEDULES, DilatedConvMixin
from ._estimator import NotFittedError, VarLengthEstimatorMixin
from ._panel import PanelNetworkMixin, class_sample_weight
from ._params import (
    CLASSIFIER_CONSTRAINTS,
    DISTRIBUTION_STRATEGIES,
    FRACTION,
    NON_NEGATIVE,
    NON_NEGATIVE_INT,
    POSITIVE_INT,
    POSITIVE_SIZES,
    RECURRENT_CONSTRAINTS,
    TEST_BATCH_SIZE,
    TRAINING_CONSTRAINTS,
    InstanceOf,
    Interval,
    Options,
    Sequence,
    store_parameters,
    training_constraints,
    validate_parameters,
)
from ._shared_docs import (
    SHARED_PARAMETER_DOCS,
    TRAINED_ATTRIBUTE_DOCS,
    document_shared_parameters,
)

__all__ = [
    "CLASSIFIER_CONSTRAINTS",
    "DILATED_CONSTRAINTS",
    "DilatedConvMixin",
    "PanelNetworkMixin",
    "SCHEDULES",
    "DISTRIBUTION_STRATEGIES",
    "FRACTION",
    "NON_NEGATIVE",
    "NON_NEGATIVE_INT",
    "POSITIVE_INT",
    "POSITIVE_SIZES",
    "RECURRENT_CONSTRAINTS",
    "SHARED_PARAMETER_DOCS",
    "TEST_BATCH_SIZE",
    "TRAINED_ATTRIBUTE_DOCS",
    "TRAINING_CONSTRAINTS",
    "InstanceOf",
    "Interval",
    "NotFittedError",
    "Options",
    "Sequence",
    "VarLengthEstimatorMixin",
    "class_sample_weight",
    "document_shared_parameters",
    "store_parameters",
    "training_constraints",
    "validate_parameters",
]
