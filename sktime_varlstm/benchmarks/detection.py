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

import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = [
    "LabelledSeries",
    "discord_scores",
    "evaluate",
    "format_table",
    "load_labelled_series",
    "run_detection_benchmark",
]

SERIES = ("yahoo", "mitdb")
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
def _z_windows(values, window):
    windows = np.lib.stride_tricks.sliding_window_view(values, window)
    std = windows.std(axis=1, keepdims=True)
    return (windows - windows.mean(axis=1, keepdims=True)) / np.where(std > 0, std, 1)


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
    windows = _z_windows(np.asarray(values, dtype=np.float64), window)
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


PEERS = {
    "discord": run_discord,
    "discord, window = period": run_discord_at_period,
    "HampelDetector": run_hampel,
    "SubLOF": run_sublof,
    "CAPA": run_capa,
    "STRAY": run_stray,
}


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


def run_detection_benchmark(series_names=SERIES, quick=False, seeds=SEEDS, peers=None):
    """Run every method on every series; one row per (series, method[, seed]).

    ``quick``: a tiny network and one seed, a smoke run. ``peers``: names
    from ``PEERS`` to run (default: all).
    """
    lstm_params = {}
    if quick:
        lstm_params = {"units": (4,), "n_epochs": 1, "window_length": 50}
        seeds = seeds[:1]
    rows = []
    for name in series_names:
        series = load_labelled_series(name)
        methods = {
            f"LSTMSeriesDetector (seed {seed})": (
                run_lstm,
                {"seed": seed, **lstm_params},
            )
            for seed in seeds
        }
        chosen = PEERS if peers is None else {name: PEERS[name] for name in peers}
        methods.update({peer: (run, {}) for peer, run in chosen.items()})
        for method, (run, options) in methods.items():
            started = time.perf_counter()
            scores, predicted = run(series, **options)
            seconds = time.perf_counter() - started
            row = evaluate(series, scores, predicted)
            rows.append({"series": name, "method": method, "seconds": seconds, **row})
    return rows


def format_table(rows) -> str:
    """Markdown table of benchmark rows.

    Examples
    --------
    >>> rows = [{"series": "s", "method": "m", "top1": True, "top1_distance": 0,
    ...          "topk_events": 1, "n_events": 1, "precision": 0.5,
    ...          "recall": 1.0, "n_predicted": 2, "seconds": 1.0}]
    >>> print(format_table(rows))
    | series | method | top-1 hit | top-1 distance | top-k events | precision | recall | predicted | seconds |
    |---|---|---|---:|---:|---:|---:|---:|---:|
    | s | m | yes | 0 | 1/1 | 0.50 | 1.00 | 2 | 1.0 |
    """  # noqa: E501
    lines = [
        "| series | method | top-1 hit | top-1 distance | top-k events "
        "| precision | recall | predicted | seconds |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        if row["top1"] is None:
            hit = distance = events = "n/a"
        else:
            hit = "yes" if row["top1"] else "no"
            distance = str(row["top1_distance"])
            events = f"{row['topk_events']}/{row['n_events']}"
        lines.append(
            f"| {row['series']} | {row['method']} | {hit} | {distance} | {events} "
            f"| {row['precision']:.2f} | {row['recall']:.2f} "
            f"| {row['n_predicted']} | {row['seconds']:.1f} |"
        )
    return "\n".join(lines)


# --- generated series, for choosing the detector's defaults ------------------------
GENERATED_KINDS = ("trend_spikes", "pulse_shape", "sine_frequency", "two_channels")


def generated_series(kind, seed=0):
    """A series with known anomalies, none of the evaluation series.

    ``trend_spikes``: a rising trend and a short season whose amplitude
    grows, with five spikes or dips; ``pulse_shape``: sharp pulses about
    every 250 steps with a small wave after each, one pulse wide and
    low with its wave inverted; ``sine_frequency``: a sine whose period
    shortens for 60 steps; ``two_channels``: two correlated sines, the second
    inverted for 50 steps. Noise everywhere; the first 40 % has no anomaly.
    """
    rng = np.random.default_rng(seed)
    labels = None
    if kind == "trend_spikes":
        t = np.arange(1000)
        season = np.sin(2 * np.pi * t / rng.uniform(10, 15))
        values = 3 * t / 1000 + season * (1 + t / 1000) + 0.2 * rng.normal(size=1000)
        labels = np.zeros(1000, dtype=np.int64)
        steps = rng.choice(np.arange(420, 990), size=5, replace=False)
        values[steps] += rng.choice([-1, 1], size=5) * rng.uniform(2, 3, size=5)
        labels[steps] = 1
    elif kind == "pulse_shape":
        values, labels = _pulses(rng, 6000)
    elif kind == "sine_frequency":
        start = int(rng.integers(1400, 2800))
        frequency = np.full(3000, 1 / 40)
        frequency[start : start + 60] = 1 / 25
        values = np.sin(2 * np.pi * np.cumsum(frequency))
        values += 0.1 * rng.normal(size=3000)
        labels = np.zeros(3000, dtype=np.int64)
        labels[start : start + 60] = 1
    elif kind == "two_channels":
        t = np.arange(3000)
        base = np.sin(2 * np.pi * t / 50)
        values = np.stack([base, 0.8 * base], axis=1)
        values += 0.1 * rng.normal(size=values.shape)
        start = int(rng.integers(1400, 2900))
        values[start : start + 50, 1] *= -1
        labels = np.zeros(3000, dtype=np.int64)
        labels[start : start + 50] = 1
    else:
        raise ValueError(f"kind must be one of {GENERATED_KINDS}; got {kind!r}.")
    return LabelledSeries(kind, values, labels, int(len(labels) * TRAIN_FRACTION))


def _pulses(rng, length):
    values = 0.02 * rng.normal(size=length)
    labels = np.zeros(length, dtype=np.int64)
    t = np.arange(length)
    beats = np.cumsum(rng.integers(240, 260, size=length // 240))
    beats = beats[beats < length - 100]
    abnormal = rng.choice(beats[beats > 0.45 * length])
    for beat in beats:
        width, height, wave = (12.0, 0.6, -0.2) if beat == abnormal else (3.0, 1, 0.2)
        values += height * np.exp(-0.5 * ((t - beat) / width) ** 2)
        values += wave * np.exp(-0.5 * ((t - beat - 60) / 15) ** 2)
        if beat == abnormal:
            labels[beat - 30 : beat + 90] = 1
    values += 0.1 * np.sin(2 * np.pi * t / 1700)  # baseline wander
    return values, labels


def run_generated_study(
    settings, score_windows=(10,), kinds=GENERATED_KINDS, seeds=(0, 1)
):
    """The LSTM's figures on generated series, to choose its defaults.

    ``settings`` maps a name to ``LSTMSeriesDetector`` parameters; each
    fitted detector is scored with every ``score_windows`` (smoothing needs no
    refit; the threshold stays that of the setting's own ``score_window``).
    Returns one row per (kind, data seed, setting, score window).
    """
    from .. import LSTMSeriesDetector

    rows = []
    for kind in kinds:
        for seed in seeds:
            series = generated_series(kind, seed)
            for name, params in settings.items():
                started = time.perf_counter()
                detector = LSTMSeriesDetector(random_state=seed, **params)
                detector.fit(series.values[: series.train_end])
                seconds = time.perf_counter() - started
                for width in score_windows:
                    # set_params would reset the fitted detector
                    detector.score_window = width
                    scores = detector.transform_scores(series.values)
                    scores = scores["scores"].to_numpy()
                    predicted = np.flatnonzero(scores > detector.threshold_)
                    row = evaluate(series, scores, predicted)
                    row.update(
                        series=f"{kind} {seed}",
                        method=f"{name}, score_window={width}",
                        seconds=seconds,
                    )
                    rows.append(row)
    return rows
