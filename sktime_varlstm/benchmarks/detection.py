"""Anomalies in the labelled series shipped with sktime: LSTMSeriesDetector and peers.

Series: ``sktime/datasets/data/yahoo/yahoo.csv`` (1,000 steps, a trend with a
short season, seven labelled one-step spikes or dips at steps 431 to 846)
and ``mitdb/mitdb.csv`` (7,500 steps of ECG, one labelled abnormal beat,
steps 6936 to 7287). Both are columns ``data, label``. The segmentation
series (GunPoint, ElectricDevices) are not used: they label change points
between regimes of concatenated UCR series, so after the first change every
point is "new" and there is no anomaly for the 100-step rule to find.

Protocol, the same for every series and method, fixed before any result was
seen: the first ``TRAIN_FRACTION`` (40 %) of a series is its training
(normal) part, the rest its test part; 40 % is the largest round fraction
with no labelled anomaly in the training part of either series (the UCR
archive also gives each series an anomaly-free training prefix). Methods that
learn (the LSTM, the discord) fit on the training part; every method scores
the whole series and only the test part is evaluated.

* **top-1 hit** (UCR archive rule): the test point with the highest score
  lies within ``TOLERANCE`` (100) steps of a labelled anomalous point.
* **top-k events**: with ``k`` labelled events (runs of anomalous points),
  the ``k`` highest-scoring test points, each at least ``MARGIN`` steps
  from those picked before; how many events have one within ``MARGIN`` (10)
  steps. Stricter than the top-1 rule where anomalies are dense (on yahoo
  nearly the whole test part lies within 100 steps of one).
* **precision / recall** of ``predict`` on the test part: the share of
  predicted points within ``MARGIN`` steps of a labelled point, and the share
  of labelled events with a predicted point within ``MARGIN`` steps.

Peers: sktime's anomaly detectors that run without extra packages and take a
univariate series, with their default settings: ``HampelDetector``,
``SubLOF`` (``window_size`` 100, it has no default), ``CAPA`` and
``STRAY`` (a transformer; its ``score_`` and flags are used). ``SubLOF`` and
``CAPA`` give no per-point score, so they have no top-1 or top-k figure.
The discord baseline scores every window of ``DISCORD_WINDOW`` steps by its
z-normalised Euclidean distance to the nearest training window.
"""

from __future__ import annotations

import functools
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..data import z_normalized
from ._record import Run
from ._report import Column, format_table, machine_note

__all__ = [
    "DATASETS",
    "METHODS",
    "SEEDS",
    "LabelledSeries",
    "discord_scores",
    "evaluate",
    "load_labelled_series",
    "measure",
    "runs",
    "table",
]

FRESH_PROCESSES = False
SERIES = DATASETS = ("yahoo", "mitdb")
TRAIN_FRACTION = 0.4
TOLERANCE = 100
MARGIN = 10
DISCORD_WINDOW = 100
SEEDS = (0, 1, 2)


@dataclass
class LabelledSeries:
    """One univariate series, its 0/1 labels and where its test part starts."""

    name: str
    values: np.ndarray
    labels: np.ndarray
    train_end: int


def load_labelled_series(name: str, train_fraction=TRAIN_FRACTION):
    """Read ``sktime/datasets/data/<name>/<name>.csv`` (columns data, label)."""
    import sktime.datasets

    path = Path(sktime.datasets.__file__).parent / "data" / name / f"{name}.csv"
    frame = pd.read_csv(path)
    values = frame["data"].to_numpy(dtype=np.float64)
    labels = frame["label"].to_numpy(dtype=np.int64)
    return LabelledSeries(name, values, labels, int(len(values) * train_fraction))


# --- the discord baseline --------------------------------------------------------
def _nearest_distances(queries, references, exclusion=None):
    """Euclidean distance of every query window to its nearest reference window.

    With ``exclusion``, queries and references are the same windows and a
    window's neighbours closer than ``exclusion`` steps (trivial matches) do
    not count.
    """
    nearest = np.empty(len(queries))
    for start in range(0, len(queries), 1024):
        block = queries[start : start + 1024]
        squared = (
            (block**2).sum(axis=1)[:, None]
            + (references**2).sum(axis=1)[None, :]
            - 2 * block @ references.T
        )
        if exclusion is not None:
            rows = np.arange(start, start + len(block))[:, None]
            columns = np.arange(len(references))[None, :]
            squared[np.abs(rows - columns) < exclusion] = np.inf
        nearest[start : start + len(block)] = squared.min(axis=1)
    return np.sqrt(np.maximum(nearest, 0))


def discord_scores(values, train_end, window=DISCORD_WINDOW):
    """Per-point discord scores: higher is more anomalous.

    Every window of ``window`` steps is z-normalised and scored by its
    distance to the nearest window lying wholly in the training part
    (``values[:train_end]``); training windows themselves are scored against
    the other training windows at least ``window`` steps away. A point gets
    the score of the window centred on it (the nearest window near the ends).

    Returns
    -------
    scores : numpy.ndarray of shape (len(values),)
    training_scores : numpy.ndarray
        Scores of the training windows, to set a threshold from.
    """
    values = np.asarray(values, dtype=np.float64)
    windows = z_normalized(np.lib.stride_tricks.sliding_window_view(values, window), 1)
    n_train = train_end - window + 1
    training = _nearest_distances(windows[:n_train], windows[:n_train], window)
    distances = np.concatenate(
        [training, _nearest_distances(windows[n_train:], windows[:n_train])]
    )
    centre = np.clip(np.arange(len(values)) - window // 2, 0, len(windows) - 1)
    return distances[centre], training


def dominant_period(values, min_lag=4):
    """The lag of the highest autocorrelation after its first dip below zero.

    The series is detrended (least-squares line) first; lags up to a third
    of the series are considered. Returns ``None`` without such a lag.

    Examples
    --------
    >>> import numpy as np
    >>> dominant_period(np.sin(2 * np.pi * np.arange(500) / 25))
    25
    """
    values = np.asarray(values, dtype=np.float64)
    steps = np.arange(len(values))
    centred = values - np.polyval(np.polyfit(steps, values, 1), steps)
    spectrum = np.fft.rfft(centred, 2 * len(values))
    correlation = np.fft.irfft(spectrum * np.conj(spectrum))[: len(values) // 3]
    below = np.flatnonzero(correlation[min_lag:] < 0)
    if not len(below):
        return None
    first = min_lag + below[0]
    return int(first + np.argmax(correlation[first:]))


# --- methods: each returns (scores or None, predicted ilocs) ----------------------
def run_lstm(series, seed=0, **params):
    from .. import LSTMSeriesDetector

    detector = LSTMSeriesDetector(random_state=seed, **params)
    detector.fit(series.values[: series.train_end])
    scores = detector.transform_scores(series.values)["scores"].to_numpy()
    return scores, np.flatnonzero(scores > detector.threshold_)


def run_discord(series, contamination=0.001, window=DISCORD_WINDOW):
    if window == "period":
        window = dominant_period(series.values[: series.train_end]) or DISCORD_WINDOW
    scores, training = discord_scores(series.values, series.train_end, window)
    threshold = np.quantile(training, 1 - contamination)
    return scores, np.flatnonzero(scores > threshold)


def run_hampel(series):
    from sktime.detection.hampel import HampelDetector

    X = pd.Series(series.values)
    detector = HampelDetector().fit(X)
    scores = detector.transform_scores(X)["scores"].to_numpy()
    return scores, detector.predict(X)["ilocs"].to_numpy()


def run_sublof(series):
    from sktime.detection.lof import SubLOF

    X = pd.Series(series.values)
    # novelty=True: its predict needs it; each window is fitted and scored alone
    detector = SubLOF(n_neighbors=20, window_size=100, novelty=True)
    return None, detector.fit_predict(X)["ilocs"].to_numpy()


def run_capa(series):
    from sktime.detection.capa import CAPA

    X = pd.Series(series.values)
    dense = CAPA().fit_transform(X)["labels"].to_numpy()
    return None, np.flatnonzero(dense)


def run_stray(series):
    from sktime.detection.stray import STRAY

    X = pd.DataFrame({"x": series.values})
    flags = STRAY().fit_transform(X)
    scores = np.asarray(STRAY().fit(X).score_, dtype=np.float64)
    return scores, np.flatnonzero(np.asarray(flags).ravel())


def run_discord_at_period(series):
    return run_discord(series, window="period")


LSTM_METHOD = "LSTMSeriesDetector"
PEERS = {
    "discord": run_discord,
    "discord_at_period": run_discord_at_period,
    "HampelDetector": run_hampel,
    "SubLOF": run_sublof,
    "CAPA": run_capa,
    "STRAY": run_stray,
}
METHODS = (LSTM_METHOD, *PEERS)
QUICK_LSTM = {"units": (4,), "n_epochs": 1, "window_length": 50}


# --- evaluation ---------------------------------------------------------------
def _events(labels):
    """``(first, last)`` step of every run of anomalous points."""
    padded = np.concatenate([[0], labels, [0]])
    edges = np.flatnonzero(np.diff(padded))
    return list(zip(edges[::2], edges[1::2] - 1, strict=True))


def _distance_to_event(point, event):
    first, last = event
    return max(first - point, point - last, 0)


def top_k_points(scores, k, margin):
    """The ``k`` highest-scoring points, each ``margin`` steps from the others."""
    order = np.argsort(-scores, kind="stable")
    picked = []
    for point in order:
        if all(abs(point - p) >= margin for p in picked):
            picked.append(int(point))
            if len(picked) == k:
                break
    return picked


def evaluate(series, scores, predicted):
    """Figures of one method on one series, on its test part only."""
    start = series.train_end
    events = _events(series.labels[start:])
    predicted = np.asarray(predicted, dtype=np.int64)
    predicted = predicted[predicted >= start] - start

    def near(point, tolerance):
        return any(_distance_to_event(point, e) <= tolerance for e in events)

    row = {"n_events": len(events), "n_predicted": len(predicted)}
    row["precision"] = (
        float(np.mean([near(p, MARGIN) for p in predicted])) if len(predicted) else 0.0
    )
    row["recall"] = float(
        np.mean(
            [any(_distance_to_event(p, e) <= MARGIN for p in predicted) for e in events]
        )
    )
    if scores is None:
        row.update(top1=None, top1_distance=None, topk_events=None)
        return row
    test_scores = np.asarray(scores, dtype=np.float64)[start:]
    top = int(np.argmax(test_scores))
    row["top1_distance"] = int(min(_distance_to_event(top, e) for e in events))
    row["top1"] = bool(row["top1_distance"] <= TOLERANCE)
    picked = top_k_points(test_scores, len(events), MARGIN)
    row["topk_events"] = int(
        sum(any(_distance_to_event(p, e) <= MARGIN for p in picked) for e in events)
    )
    return row


def runs(datasets=None, methods=None, seeds=None, quick=False) -> list[Run]:
    """Every method on every series; the LSTM once per seed, each peer once.

    ``quick``: a tiny network and one seed, a smoke run.
    """
    methods = METHODS if methods is None else tuple(methods)
    unknown = set(methods) - set(METHODS)
    if unknown:
        raise ValueError(f"unknown methods {sorted(unknown)}; choose from {METHODS}")
    if seeds is None:
        seeds = SEEDS[:1] if quick else SEEDS
    every = []
    for name in SERIES if datasets is None else datasets:
        if LSTM_METHOD in methods:
            params = QUICK_LSTM if quick else {}
            every += [Run(name, LSTM_METHOD, seed, params, quick) for seed in seeds]
        every += [Run(name, peer, 0, {}, quick) for peer in PEERS if peer in methods]
    return every


@functools.lru_cache(maxsize=4)
def _series(name):
    return load_labelled_series(name)


def measure(run: Run) -> dict:
    """Run one method on one series; its figures on the test part."""
    series = _series(run.dataset)
    started = time.perf_counter()
    if run.method == LSTM_METHOD:
        scores, predicted = run_lstm(series, run.seed, **run.params)
    else:
        scores, predicted = PEERS[run.method](series, **run.params)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, **evaluate(series, scores, predicted)}


def _display(row) -> dict:
    if row["method"] == LSTM_METHOD:
        label = f"{LSTM_METHOD} (seed {row['seed']})"
    else:
        label = {"discord_at_period": "discord, window = period"}.get(
            row["method"], row["method"]
        )
    hit = None if row["top1"] is None else ("yes" if row["top1"] else "no")
    events = row["topk_events"]
    events = None if events is None else f"{events}/{row['n_events']}"
    return {**row, "label": label, "hit": hit, "events": events}


COLUMNS = [
    Column("dataset", "series"),
    Column("label", "method"),
    Column("hit", "top-1 hit"),
    Column("top1_distance", "top-1 distance", right=True),
    Column("events", "top-k events", right=True),
    Column("precision", "precision", "{:.2f}", right=True),
    Column("recall", "recall", "{:.2f}", right=True),
    Column("n_predicted", "predicted", right=True),
    Column("seconds", "seconds", "{:.1f}", right=True),
]


def table(rows) -> str:
    """Markdown: one line per series, method and seed.

    Examples
    --------
    >>> rows = [{"dataset": "s", "method": "discord", "seed": 0, "top1": True,
    ...          "top1_distance": 0, "topk_events": 1, "n_events": 1,
    ...          "precision": 0.5, "recall": 1.0, "n_predicted": 2, "seconds": 1.0}]
    >>> print(table(rows).splitlines()[2])
    | s | discord | yes | 0 | 1/1 | 0.50 | 1.00 | 2 | 1.0 |
    """
    return (
        format_table([_display(row) for row in rows], COLUMNS)
        + "\n\nSubLOF and CAPA give no per-point score: no top-1 or top-k figure. "
        + machine_note()
    )
