"""``varlstm benchmark``: does training on true lengths beat padding and resampling?

On each data set the article's network (``LSTMClassifier()``: LSTM 32-64-32,
Dense 100) trains with the same epochs and only the batching changed, beside
series resampled to the median length and sktime's LSTM-FCN on padded
series. Every run trains on the training split and is scored once on the
test split, in a fresh process, so its peak memory (``ru_maxrss``) is its own
and one run's traced graphs never slow another. Reported per run:

* ``steady s/epoch``: median wall-clock seconds of the epochs after the
  first (the first epoch traces the graph);
* ``fit s``: total wall-clock seconds of ``fit``, first epoch included;
* ``peak MB``: peak resident memory of the process;
* ``accuracy``: on the test split.
"""

from __future__ import annotations

import resource
import time

import numpy as np

from ..datasets import DATASETS, load_unequal_length_panel
from ._record import Run
from ._report import Column, format_table, machine_note
from .peers import padded_lstm_fcn, to_nested
from .preprocessing import PREPROCESSING, resample, subsample

__all__ = ["DATASETS", "METHODS", "SEEDS", "measure", "plot", "runs", "table"]

FRESH_PROCESSES = True
SEEDS = (0,)

# Same network, same epochs for every strategy: only the batching differs.
STRATEGY_EPOCHS = {"japanese_vowels": 50, "plaid": 5}
# sktime's LSTM-FCN on PLAID padded to 1344 steps is slow: fewer epochs there.
PEER_EPOCHS = {"japanese_vowels": 100, "plaid": 20}

# The row labels of the table, by method (``varlstm benchmark --methods``).
LABELS = {
    "per_sample": "per_sample",
    "bucket": "bucket",
    "bucket_budget": "bucket, step budget",
    "pad": "pad",
    "resampled": "resampled",
    "sktime_lstm_fcn": "sktime LSTMFCN, padded",
}
METHODS = tuple(LABELS)

# --quick: a few series of every class, a tiny network, no sktime peer.
QUICK_PER_CLASS = 3
_QUICK_NETWORK = {"units": (4,), "dense_units": (4,), "n_epochs": 2}

_MEDIAN_LENGTH = {"japanese_vowels": 15, "plaid": 300}
_LONGEST = {"japanese_vowels": 29, "plaid": 1344}


def runs(datasets=None, methods=None, seeds=None, quick=False) -> list[Run]:
    """The runs of ``varlstm benchmark``, data set first.

    The ``bucket_budget`` row caps every batch at the time steps of one padded
    batch of 32 (``32 * longest``) instead of at 32 series, so short series
    travel in large batches.
    """
    methods = METHODS if methods is None else tuple(methods)
    unknown = set(methods) - set(METHODS)
    if unknown:
        raise ValueError(f"unknown methods {sorted(unknown)}; choose from {METHODS}")
    every = []
    for dataset in DATASETS if datasets is None else datasets:
        if quick:
            network, budget = _QUICK_NETWORK, 8 * _LONGEST[dataset]
        else:
            network = {"n_epochs": STRATEGY_EPOCHS[dataset]}
            budget = 32 * _LONGEST[dataset]
        params = {
            "per_sample": {**network, "batching": "per_sample"},
            "bucket": {**network, "batching": "bucket"},
            "bucket_budget": {
                **network,
                "batching": "bucket",
                "batch_size": 1024,
                "max_timesteps_per_batch": budget,
            },
            "pad": {**network, "batching": "pad"},
            "resampled": {
                **network,
                "resample_to": 16 if quick else _MEDIAN_LENGTH[dataset],
            },
            "sktime_lstm_fcn": {"n_epochs": PEER_EPOCHS[dataset]},
        }
        if quick:
            del params["sktime_lstm_fcn"]
        every += [
            Run(dataset, method, seed, params[method], quick)
            for method in METHODS
            if method in methods and method in params
            for seed in (SEEDS if seeds is None else seeds)
        ]
    return every


def measure(run: Run) -> dict:
    """Fit ``run`` on the training split, score it on the test split."""
    from .. import LSTMClassifier
    from ..training import steady_epoch_seconds  # TensorFlow: only when run

    X_train, y_train = load_unequal_length_panel(run.dataset, "train")
    X_test, y_test = load_unequal_length_panel(run.dataset, "test")
    if run.quick:
        X_train, y_train = subsample(X_train, y_train, QUICK_PER_CLASS)
        X_test, y_test = subsample(X_test, y_test, QUICK_PER_CLASS)
    X_train, X_test = PREPROCESSING[run.dataset](X_train, X_test)
    params = dict(run.params)
    length = params.pop("resample_to", None)
    if length:
        X_train = [resample(s, length) for s in X_train]
        X_test = [resample(s, length) for s in X_test]
    if run.method == "sktime_lstm_fcn":
        longest = max(len(s) for s in X_train + X_test)
        estimator = padded_lstm_fcn(longest, run.seed, **params)
        X_train, X_test = to_nested(X_train), to_nested(X_test)
    else:
        estimator = LSTMClassifier(**params, random_state=run.seed)
    start = time.perf_counter()
    estimator.fit(X_train, y_train)
    fit_seconds = time.perf_counter() - start
    predicted = np.asarray(estimator.predict(X_test))
    epoch_seconds = list(getattr(estimator, "epoch_seconds_", []))  # not the peer's
    return {
        "epochs": len(epoch_seconds) if epoch_seconds else params["n_epochs"],
        "steady_epoch_seconds": steady_epoch_seconds(epoch_seconds),
        "fit_seconds": fit_seconds,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "accuracy": float(np.mean(predicted == y_test)),
    }


COLUMNS = [
    Column("dataset", "data set"),
    Column("method", "method", lambda method: LABELS.get(method, method)),
    Column("epochs", "epochs", "{:.0f}", right=True),
    Column("steady_epoch_seconds", "steady s/epoch", "{:.3f}", right=True),
    Column("fit_seconds", "fit s (total)", "{:.1f}", right=True),
    Column("peak_mb", "peak MB", "{:.0f}", right=True),
    Column("accuracy", "accuracy", "{:.4f}", spread=True, right=True),
    Column("runs", "seeds", right=True),
]


def table(rows) -> str:
    """Markdown: one line per data set and method, means over the seeds."""
    return (
        format_table(rows, COLUMNS, by=("dataset", "method"))
        + "\n\nTest accuracy (mean ± std over the seeds); sktime's classifier "
        "records no epoch times. " + machine_note()
    )


def plot(rows, path) -> None:
    """Accuracy against total fit time, one point per run, a panel per data set."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib import ticker

    datasets = list(dict.fromkeys(r["dataset"] for r in rows))
    fig, axes = plt.subplots(1, len(datasets), figsize=(6 * len(datasets), 4.5))
    for ax, dataset in zip(np.atleast_1d(axes), datasets, strict=True):
        for row in (r for r in rows if r["dataset"] == dataset):
            ax.scatter(row["fit_seconds"], row["accuracy"], s=40)
            ax.annotate(
                LABELS.get(row["method"], row["method"]),
                (row["fit_seconds"], row["accuracy"]),
                textcoords="offset points",
                xytext=(5, 4),
                fontsize=8,
            )
        ax.set_xscale("log")
        ax.xaxis.set_major_locator(ticker.LogLocator(subs=(1.0, 2.0, 5.0)))
        ax.xaxis.set_major_formatter(ticker.FuncFormatter(lambda x, _: f"{x:g}"))
        ax.xaxis.set_minor_formatter(ticker.NullFormatter())
        ax.set_xlabel("total fit time (s, log scale)")
        ax.set_ylabel("test accuracy")
        ax.set_title(dataset)
        ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
