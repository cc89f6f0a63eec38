"""Classifiers of unequal-length panels and of image sequences (clips)."""

from ._convlstm import ConvLSTMClassifier
from ._dilated_conv import DilatedConvClassifier
from ._lstm import LSTMClassifier
from ._lstm_fcn import LSTMFCNClassifier

__all__ = [
    "ConvLSTMClassifier",
    "DilatedConvClassifier",
    "LSTMClassifier",
    "LSTMFCNClassifier",
]
