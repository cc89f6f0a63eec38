"""``varlstm benchmark --task early``: deciding while a series arrives.

Every method trains on the training split of a data set once per seed and
is scored once on the test split's complete series, each fit in a fresh
process. Data sets:

``basic_motions``, ``gunpoint``, ``arrow_head``, ``osuleaf``, ``italy_power_demand``,
``acsf1``
    The suite's six equal-length sets **as shipped** (uncut): the sets the
    peers take as they are.
the same names with ``-cut``, ``japanese_vowels``, ``plaid``
    The suite's unequal-length sets
    (:func:`~sktime_varlstm.datasets.load_unequal_length_panel`). The peers
    cannot take unequal lengths; for reference they see every series
    zero-padded at its end to the longest training series (a longer test
    series keeps its first steps), and their earliness counts the padding.

Methods:

``lstm_early``, ``dilated_conv_early``
    The package's :class:`~sktime_varlstm.LSTMEarlyClassifier` and
    :class:`~sktime_varlstm.DilatedConvEarlyClassifier` with their defaults
    (``random_state=seed``).
``teaser``, ``probability_threshold`` (the peers)
    sktime's ``TEASER`` and ``ProbabilityThresholdEarlyClassifier`` with
    their defaults (``random_state=seed``).
``dilated_conv``
    The package's full-series :class:`~sktime_varlstm.DilatedConvClassifier`
    (defaults): what waiting for the end buys. Its earliness is 1.

Reported per run: sktime's harmonic mean of accuracy and 1 - earliness, the
accuracy and the earliness of the decisions (the early classifiers'
``score``), the accuracy at the full length (the early classifier's last
step; the full-series classifier's prediction), the total fit seconds and,
for the package's early classifier, the seconds of all prefixes'
probabilities (``predict_proba_per_step``) over those of one ``predict`` on
the complete series, and its accuracy after each tenth of the series read.
"""

from __future__ import annotations

import time

import numpy as np

from ..data import to_series_list
from ..datasets import load_unequal_length_panel
from ._record import Run, grid
from ._report import Column, format_table, machine_note, mean_of_all

__all__ = [
    "DATASETS",
    "EQUAL_LENGTH",
    "METHODS",
    "SEEDS",
    "load",
    "measure",
    "plot",
    "runs",
    "summarize",
    "table",
]

FRESH_PROCESSES = True
# name -> sktime.datasets loader, the equal-length sets as shipped
_SHIPPED = {
    "basic_motions": "load_basic_motions",
    "gunpoint": "load_gunpoint",
    "arrow_head": "load_arrow_head",
    "osuleaf": "load_osuleaf",
    "italy_power_demand": "load_italy_power_demand",
    "acsf1": "load_acsf1",
}
EQUAL_LENGTH = tuple(_SHIPPED)
DATASETS = (
    *EQUAL_LENGTH,
    *(f"{name}-cut" for name in EQUAL_LENGTH),
    "japanese_vowels",
    "plaid",
)
SEEDS = (0, 1, 2)
LABELS = {
    "lstm_early": "LSTMEarlyClassifier",
    "dilated_conv_early": "DilatedConvEarlyClassifier",
    "teaser": "sktime TEASER",
    "probability_threshold": "sktime ProbabilityThreshold",
    "dilated_conv": "DilatedConvClassifier (full series)",
}
METHODS = tuple(LABELS)
PEERS = ("teaser", "probability_threshold")
OURS = ("lstm_early", "dilated_conv_early")
# --holdout: the part of each training split scored instead of the test split
HOLDOUT_FRACTION = 0.3
# the fractions of each series read for the accuracy curve
FRACTIONS = tuple(np.round(np.arange(0.1, 1.01, 0.1), 1).tolist())

# --quick: a few series of each split and tiny models, a smoke run
QUICK_SERIES = 16
_QUICK_PARAMS = {
    "lstm_early": {"units": (4,), "n_epochs": 1},
    "dilated_conv_early": {"filters": 4, "dilations": (1, 2), "n_epochs": 1},
    "teaser": {"classification_points": [8, 12]},
    "probability_threshold": {"classification_points": [8, 12]},
    "dilated_conv": {"filters": 4, "dilations": (1, 2), "n_epochs": 1},
}


def runs(
    datasets=None, methods=None, seeds=None, quick=False, params=None, split="test"
):
    """Every (data set, method, seed) of the early benchmark, data set first.

    ``split="holdout"`` fits on part of each training split and scores on
    the rest (:data:`HOLDOUT_FRACTION`, stratified by class): how the
    defaults are chosen without the test split.
    """
    return grid(
        datasets,
        methods,
        seeds,
        quick,
        known_datasets=DATASETS,
        known_methods=METHODS,
        default_seeds=SEEDS,
        quick_params=_QUICK_PARAMS,
        params=params,
        split=split,
    )


def load(name: str, split: str):
    """``(series, labels)`` of data set ``name``: lists of ``(T_i, C)`` arrays.

    Examples
    --------
    >>> X, y = load("gunpoint", "train")
    >>> len(X), {len(s) for s in X}
    (50, {150})
    >>> X, y = load("gunpoint-cut", "train")
    >>> len({len(s) for s in X}) > 1
    True
    """
    if name in _SHIPPED:
        import sktime.datasets

        loader = getattr(sktime.datasets, _SHIPPED[name])
        X, y = loader(split=split, return_type="numpy3D")
        return to_series_list(X), np.asarray(y)
    if name not in DATASETS:
        raise ValueError(f"unknown data set {name!r}; choose from {DATASETS}")
    return load_unequal_length_panel(name.removesuffix("-cut"), split)


def _padded(series, length):
    """``numpy3D`` ``(n, C, length)``: zeros after each series' end (cut if longer)."""
    out = np.zeros((len(series), series[0].shape[1], length), dtype="float64")
    for i, s in enumerate(series):
        steps = min(len(s), length)
        out[i, :, :steps] = np.asarray(s[:steps]).T
    return out


def _holdout(X, y):
    """``(X_fit, y_fit, X_held, y_held)``: the same held-out part for every run."""
    from sklearn.model_selection import train_test_split

    kept, held = train_test_split(
        np.arange(len(X)), test_size=HOLDOUT_FRACTION, random_state=0, stratify=y
    )
    kept, held = np.sort(kept), np.sort(held)
    return [X[i] for i in kept], y[kept], [X[i] for i in held], y[held]


def _subset(X, y, size):
    chosen = np.sort(np.random.default_rng(0).choice(len(X), size, replace=False))
    return [X[i] for i in chosen], y[chosen]


def make_method(method, seed, **params):
    """An unfitted estimator of ``method``."""
    if method == "lstm_early":
        from .. import LSTMEarlyClassifier

        return LSTMEarlyClassifier(**params, random_state=seed)
    if method == "dilated_conv_early":
        from .. import DilatedConvEarlyClassifier

        return DilatedConvEarlyClassifier(**params, random_state=seed)
    if method == "dilated_conv":
        from .. import DilatedConvClassifier

        return DilatedConvClassifier(**params, random_state=seed)
    if method == "teaser":
        from sktime.classification.early_classification import TEASER

        return TEASER(**params, random_state=seed)
    if method == "probability_threshold":
        from sktime.classification.early_classification import (
            ProbabilityThresholdEarlyClassifier,
        )
        from sktime.classification.interval_based import CanonicalIntervalForest

        # its documented default, given explicitly: with estimator=None its
        # fit refuses ("Base estimator must have a predict_proba method")
        params = {"estimator": CanonicalIntervalForest(), **params}
        return ProbabilityThresholdEarlyClassifier(**params, random_state=seed)
    raise ValueError(f"unknown method {method!r}; choose from {METHODS}")


def measure(run: Run) -> dict:
    """Fit ``run``'s method on the training split, score it on the test split."""
    X_train, y_train = load(run.dataset, "train")
    if run.split == "holdout":
        X_train, y_train, X_test, y_test = _holdout(X_train, y_train)
    else:
        X_test, y_test = load(run.dataset, "test")
    if run.quick:
        X_train, y_train = _subset(X_train, y_train, QUICK_SERIES)
        X_test, y_test = _subset(X_test, y_test, QUICK_SERIES)
    longest = max(len(s) for s in X_train)
    equal = len({len(s) for s in [*X_train, *X_test]}) == 1
    estimator = make_method(run.method, run.seed, **run.params)
    result = {"n_train": len(X_train), "input": "as is"}
    if run.method in PEERS:
        # numpy3D, as the peers take it; unequal lengths padded to the longest
        if not equal:
            result["input"] = f"padded to {longest}"
        X_train, X_test = _padded(X_train, longest), _padded(X_test, longest)
    start = time.perf_counter()
    estimator.fit(X_train, y_train)
    result["fit_seconds"] = time.perf_counter() - start
    if run.method == "dilated_conv":
        accuracy = float(np.mean(estimator.predict(X_test) == y_test))
        return {
            **result,
            "accuracy": accuracy,
            "earliness": 1.0,
            "hm": 0.0,
            "full_accuracy": accuracy,
        }
    hm, accuracy, earliness = estimator.score(X_test, y_test)
    result.update(hm=float(hm), accuracy=float(accuracy), earliness=float(earliness))
    if run.method in OURS:
        result.update(_prefix_figures(estimator, X_test, y_test))
    return result


def _prefix_figures(estimator, X_test, y_test):
    """Full-length accuracy, accuracy per fraction read, and the prefix time ratio.

    Both calls are timed the second time, their graphs traced by the first.
    """
    for _ in range(2):
        start = time.perf_counter()
        estimator.predict(X_test)
        predict_seconds = time.perf_counter() - start
        start = time.perf_counter()
        per_step = estimator.predict_proba_per_step(X_test)
        per_step_seconds = time.perf_counter() - start
    classes = estimator.classes_

    def accuracy_after(fraction):
        steps = [max(1, int(np.ceil(fraction * len(p)))) for p in per_step]
        labels = [
            classes[np.argmax(p[s - 1])] for p, s in zip(per_step, steps, strict=True)
        ]
        return float(np.mean(np.asarray(labels) == y_test))

    return {
        "full_accuracy": accuracy_after(1.0),
        "curve": [accuracy_after(f) for f in FRACTIONS],
        "prefix_time_ratio": per_step_seconds / predict_seconds,
    }


# --- the table -----------------------------------------------------------
def summarize(rows):
    """Per method, the means over the equal-length sets and over the others.

    ``{method: {"equal": {...}, "unequal": {...}}}``, each with the mean
    ``hm``, ``accuracy``, ``earliness``, ``full_accuracy`` and
    ``fit_seconds`` over the sets the method ran on (NaN where one is
    missing), and ``sets``, their number.
    """
    summary = {}
    for method in dict.fromkeys(r["method"] for r in rows):
        summary[method] = {}
        for part, keep in (("equal", True), ("unequal", False)):
            mine = [r for r in rows if r["method"] == method]
            mine = [r for r in mine if (r["dataset"] in EQUAL_LENGTH) == keep]
            sets = list(dict.fromkeys(r["dataset"] for r in mine))
            figures = {"sets": len(sets)}
            for name in ("hm", "accuracy", "earliness", "full_accuracy", "fit_seconds"):
                per_set = [
                    mean_of_all([r.get(name) for r in mine if r["dataset"] == d])
                    for d in sets
                ]
                figures[name] = mean_of_all(per_set)
            summary[method][part] = figures
    return summary


def _label(method):
    return LABELS.get(method, method)


COLUMNS = [
    Column("dataset", "data set"),
    Column("method", "method", _label),
    Column("input", "input"),
    Column("hm", "harmonic mean", "{:.3f}", spread=True, right=True),
    Column("accuracy", "accuracy", "{:.3f}", spread=True, right=True),
    Column("earliness", "earliness", "{:.3f}", spread=True, right=True),
    Column("full_accuracy", "full-length accuracy", "{:.3f}", right=True),
    Column("fit_seconds", "fit s", "{:.1f}", spread=True, right=True),
    Column("prefix_time_ratio", "all prefixes / predict", "{:.2f}", right=True),
    Column("runs", "seeds", right=True),
]
SUMMARY_COLUMNS = [
    Column("method", "method", _label),
    Column("part", "sets"),
    Column("hm", "mean harmonic mean", "{:.3f}", right=True),
    Column("accuracy", "mean accuracy", "{:.3f}", right=True),
    Column("earliness", "mean earliness", "{:.3f}", right=True),
    Column("full_accuracy", "mean full-length accuracy", "{:.3f}", right=True),
    Column("fit_seconds", "mean fit s", "{:.1f}", right=True),
]


def table(rows) -> str:
    """Markdown: the figures per data set and method, then the means per method."""
    summary = [
        {"method": method, "part": _PARTS[part], **figures}
        for method, parts in summarize(rows).items()
        for part, figures in parts.items()
        if figures["sets"]
    ]
    seeds = sorted({r["seed"] for r in rows})
    scored = (
        f"Held-out part ({HOLDOUT_FRACTION:.0%} of each training split)"
        if any(r.get("split") == "holdout" for r in rows)
        else "Test split"
    )
    return (
        format_table(rows, COLUMNS, by=("dataset", "method"))
        + "\n\n"
        + format_table(summary, SUMMARY_COLUMNS)
        + f"\n\n{scored}, mean ± std over seeds {seeds}. earliness: the decision "
        "step over each series' own length (the peers on padded series: over the "
        "padded length); harmonic mean of accuracy and 1 - earliness, as sktime's "
        "score. full-length accuracy: the early classifier's last step, the "
        "full-series classifier's prediction. all prefixes / predict: the seconds "
        "of every prefix's probabilities over one predict on the complete series "
        "(each timed after a first call). "
        "fit s: the whole fit, the first epoch's tracing included. " + machine_note()
    )


_PARTS = {"equal": "equal length, as shipped", "unequal": "unequal length"}


def plot(rows, path, dataset="gunpoint") -> None:
    """Accuracy against the fraction of the series read, on ``dataset``.

    The early classifier's accuracy after each tenth of every series, and
    every method's decisions as one point (mean earliness, accuracy). Without
    runs on ``dataset``, the first data set of ``rows`` is drawn.
    """
    if not rows:
        return
    if all(r["dataset"] != dataset for r in rows):
        dataset = rows[0]["dataset"]
    mine = [r for r in rows if r["dataset"] == dataset]
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 4.5))
    for method in OURS:
        curves = [r["curve"] for r in mine if r["method"] == method]
        if curves:
            ax.plot(
                FRACTIONS,
                np.mean(curves, axis=0),
                "-o",
                ms=3,
                label=f"{_label(method)}, argmax after the fraction read",
            )
    for method in dict.fromkeys(r["method"] for r in mine):
        group = [r for r in mine if r["method"] == method]
        ax.scatter(
            np.mean([r["earliness"] for r in group]),
            np.mean([r["accuracy"] for r in group]),
            s=50,
            label=f"{_label(method)}: its decisions",
        )
    ax.set_xlabel("fraction of the series read (earliness)")
    ax.set_ylabel("test accuracy")
    ax.set_title(dataset)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
