"""Keras recurrent networks on time series of unequal length, as sktime estimators."""

from ._anomaly_detector import LSTMAnomalyDetector
from ._base import NotFittedError
from ._convlstm_classifier import ConvLSTMClassifier
from ._lstm_classifier import LSTMClassifier
from ._series_detector import LSTMSeriesDetector

__all__ = [
    "ConvLSTMClassifier",
    "LSTMAnomalyDetector",
    "LSTMClassifier",
    "LSTMSeriesDetector",
    "NotFittedError",
]
__version__ = "0.1.0"
