"""Early classification: naming a series' class while it arrives.

:class:`LSTMEarlyClassifier` gives class probabilities after every step of a
series from one causal pass, and decides with a rule: a small pure function
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
from ._lstm import LSTMEarlyClassifier

__all__ = [
    "ConfidenceRule",
    "FallingThresholdRule",
    "LSTMEarlyClassifier",
    "choose_threshold",
    "decide",
    "early_scores",
    "harmonic_mean",
]
