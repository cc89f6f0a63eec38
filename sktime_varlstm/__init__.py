"""Keras recurrent networks on time series of unequal length, as sktime estimators.

The estimators load on first use, so ``import sktime_varlstm`` (and the
command line's ``--help``) does not start TensorFlow.
"""

import importlib

__all__ = [
    "ConvLSTMClassifier",
    "DilatedConvClassifier",
    "DilatedConvEarlyClassifier",
    "DilatedConvRegressor",
    "LSTMAnomalyDetector",
    "LSTMClassifier",
    "LSTMEarlyClassifier",
    "LSTMFCNClassifier",
    "LSTMRegressor",
    "LSTMSeriesDetector",
    "NotFittedError",
    "set_trainer_pool_size",
]
__version__ = "0.1.0"

_MODULES = {
    "ConvLSTMClassifier": ".classification",
    "DilatedConvClassifier": ".classification",
    "DilatedConvEarlyClassifier": ".early_classification",
    "DilatedConvRegressor": ".regression",
    "LSTMAnomalyDetector": ".detection",
    "LSTMClassifier": ".classification",
    "LSTMEarlyClassifier": ".early_classification",
    "LSTMFCNClassifier": ".classification",
    "LSTMRegressor": ".regression",
    "LSTMSeriesDetector": ".detection",
    "NotFittedError": ".base",
    "set_trainer_pool_size": ".training",
}


def __getattr__(name):
    if name in _MODULES:
        return getattr(importlib.import_module(_MODULES[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted([*globals(), *__all__])
