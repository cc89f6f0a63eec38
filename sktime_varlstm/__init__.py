"""Keras recurrent networks on time series of unequal length, as sktime estimators."""

from ._base import NotFittedError
from ._lstm_classifier import LSTMClassifier

__all__ = ["LSTMClassifier", "NotFittedError"]
__version__ = "0.1.0"
