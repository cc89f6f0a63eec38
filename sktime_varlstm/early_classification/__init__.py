"""Early classification: naming a series' class while it arrives.

:class:`LSTMEarlyClassifier` (a forward LSTM) and
:class:`DilatedConvEarlyClassifier` (causal dilated convolutions with running
poolings) give class probabilities after every step of a series from one
causal pass, and decide with a rule: a small pure function
of those probabilities (:class:`ConfidenceRule` by default,
:class:`FallingThresholdRule` as an alternative, or any callable
``rule(probabilities, complete) -> row or None``).
"""

from ._decision import (
    ConfidenceRule,
    FallingThresholdRule,
    choose_threshold,
    decide,
    early_scores,
    harmonic_mean,
)
from ._dilated_conv import DilatedConvEarlyClassifier
from ._lstm import LSTMEarlyClassifier

__all__ = [
    "ConfidenceRule",
    "DilatedConvEarlyClassifier",
    "FallingThresholdRule",
    "LSTMEarlyClassifier",
    "choose_threshold",
    "decide",
    "early_scores",
    "harmonic_mean",
]
