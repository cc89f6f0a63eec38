"""When to name the class of a series that is still arriving: pure decision rules.

A rule reads one series' class probabilities after every step, a ``(T, K)``
array whose row ``t`` holds the probabilities after ``t + 1`` steps, and
returns the row at which to decide, or ``None`` to wait for more steps. A
complete series is always decided, at its last row if not before.

:class:`ConfidenceRule` (the default) waits until the top class has been
likely enough for a few steps in a row; :class:`FallingThresholdRule` asks
for less confidence the longer it has waited (a cost per step). A rule is
any callable ``rule(probabilities, complete) -> int | None``.
:func:`early_scores` gives sktime's three figures of early classification,
:func:`choose_threshold` the threshold that maximises their harmonic mean.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

__all__ = [
    "ConfidenceRule",
    "FallingThresholdRule",
    "choose_threshold",
    "decide",
    "early_scores",
    "harmonic_mean",
]


def _checked(probabilities) -> np.ndarray:
    probabilities = np.asarray(probabilities, dtype=float)
    if probabilities.ndim != 2 or not len(probabilities):
        raise ValueError(
            "probabilities must be a (T, n_classes) array with T >= 1; "
            f"got shape {probabilities.shape}"
        )
    return probabilities


def _first_run(confident, consecutive, min_length):
    """First row ending ``consecutive`` confident rows at or after ``min_length``."""
    run = 0
    for row, ok in enumerate(confident):
        run = run + 1 if ok else 0
        if run >= consecutive and row + 1 >= min_length:
            return row
    return None


@dataclass(frozen=True)
class ConfidenceRule:
    """Decide once the top class probability stays at or above ``threshold``.

    The decision falls on the first row where the top probability has been
    ``>= threshold`` for ``consecutive`` rows in a row and at least
    ``min_length`` steps have been read; a complete series that never gets
    there is decided at its last row.

    Examples
    --------
    >>> p = [[0.6, 0.4], [0.9, 0.1], [0.95, 0.05], [0.99, 0.01]]
    >>> rule = ConfidenceRule(threshold=0.9, consecutive=2)
    >>> rule(p, complete=False)  # rows 1 and 2 are both >= 0.9
    2
    >>> ConfidenceRule(threshold=0.999)(p, complete=False) is None
    True
    >>> ConfidenceRule(threshold=0.999)(p, complete=True)  # the end: decide
    3
    """

    threshold: float = 0.9
    consecutive: int = 1
    min_length: int = 1

    def __call__(self, probabilities, complete=True):
        probabilities = _checked(probabilities)
        confident = probabilities.max(axis=1) >= self.threshold
        row = _first_run(confident, self.consecutive, self.min_length)
        if row is None and complete:
            return len(probabilities) - 1
        return row


@dataclass(frozen=True)
class FallingThresholdRule:
    """Decide once the top probability reaches a threshold that falls each step.

    After ``n`` steps the rule asks for ``start - cost_per_step * n``: each
    step waited costs ``cost_per_step`` of confidence, so a series that stays
    ambiguous is decided anyway, and an easy one early. ``threshold`` is the
    ``start`` (so :func:`choose_threshold` tunes it as the other rule's).

    Examples
    --------
    >>> p = [[0.7, 0.3]] * 6
    >>> FallingThresholdRule(threshold=0.9, cost_per_step=0.05)(p, complete=False)
    3
    """

    threshold: float = 1.0
    cost_per_step: float = 0.01
    min_length: int = 1

    def __call__(self, probabilities, complete=True):
        probabilities = _checked(probabilities)
        steps = np.arange(1, len(probabilities) + 1)
        asked = self.threshold - self.cost_per_step * steps
        row = _first_run(probabilities.max(axis=1) >= asked, 1, self.min_length)
        if row is None and complete:
            return len(probabilities) - 1
        return row


def decide(rule, per_series, complete=True):
    """``(rows, labels)``: each series' decision row and decided class index.

    ``per_series`` is a list of ``(T_i, K)`` probability arrays; an undecided
    series (``complete=False``) has row ``-1`` and label ``-1``; a complete
    series that the rule leaves undecided is decided at its last row.

    Examples
    --------
    >>> rows, labels = decide(ConfidenceRule(0.8), [[[0.5, 0.5], [0.1, 0.9]]])
    >>> rows.tolist(), labels.tolist()
    ([1], [1])
    """
    rows, labels = [], []
    for probabilities in per_series:
        row = rule(probabilities, complete=complete)
        if row is None and complete:  # the end decides, whatever the rule
            row = len(probabilities) - 1
        rows.append(-1 if row is None else row)
        labels.append(-1 if row is None else int(np.argmax(probabilities[row])))
    return np.array(rows, dtype=int), np.array(labels, dtype=int)


def harmonic_mean(accuracy, earliness):
    """The harmonic mean of accuracy and ``1 - earliness`` (sktime's trade-off).

    Examples
    --------
    >>> harmonic_mean(0.9, 0.1)
    0.9
    >>> harmonic_mean(0.0, 1.0)
    0.0
    """
    late = 1.0 - earliness
    if accuracy + late == 0:
        return 0.0
    return float(2 * accuracy * late / (accuracy + late))


def early_scores(rows, lengths, predicted, y):
    """``(harmonic mean, accuracy, earliness)`` of decisions on complete series.

    Earliness is the mean over the series of the steps read at the decision
    over the series' **own** length: a decision after 3 of 10 steps is 0.3.

    Examples
    --------
    >>> early_scores([2, 8], [10, 10], ["a", "b"], ["a", "a"])
    (0.4444444444444445, 0.5, 0.6)
    """
    rows, lengths = np.asarray(rows), np.asarray(lengths)
    if np.any(rows < 0):
        raise ValueError("every series must be decided (complete) to be scored")
    accuracy = float(np.mean(np.asarray(predicted) == np.asarray(y)))
    earliness = float(np.mean((rows + 1) / lengths))
    return harmonic_mean(accuracy, earliness), accuracy, earliness


def choose_threshold(rule, per_series, y, candidates=None):
    """The rule with the ``threshold`` that maximises the harmonic mean.

    ``per_series`` are probabilities of series the network was not trained
    on (held out), ``y`` their class indices. Ties go to the higher
    threshold (the more accurate). Returns ``(rule, scores)`` with
    ``scores[threshold] = (harmonic mean, accuracy, earliness)``.

    Examples
    --------
    >>> easy = [[0.6, 0.4], [0.95, 0.05], [0.97, 0.03], [0.99, 0.01]]
    >>> hard = [[0.7, 0.3], [0.2, 0.8], [0.1, 0.9], [0.1, 0.9]]  # class 1
    >>> chosen, scores = choose_threshold(ConfidenceRule(), [easy, hard], [0, 1])
    >>> chosen.threshold  # above the hard series' wrong start, not later
    0.8
    >>> [round(value, 3) for value in scores[0.8]]
    [0.667, 1.0, 0.5]
    """
    if candidates is None:
        candidates = np.round(np.arange(0.5, 1.0, 0.05), 2).tolist() + [0.975, 0.99]
    lengths = [len(p) for p in per_series]
    scores = {}
    for threshold in candidates:
        candidate = replace(rule, threshold=float(threshold))
        rows, labels = decide(candidate, per_series, complete=True)
        scores[float(threshold)] = early_scores(rows, lengths, labels, y)
    best = max(scores, key=lambda t: (scores[t][0], t))
    return replace(rule, threshold=best), scores
