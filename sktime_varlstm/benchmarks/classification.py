"""``varlstm benchmark``: does training on true lengths beat padding and resampling?

For each data set every method trains on the training split and is scored
once on the test split. Each run happens in a fresh process, so its peak
memory (``ru_maxrss``) is its own and one run's traced graphs never slow
another. Reported per run:

* ``steady s/epoch``: median wall-clock seconds of the epochs after the
  first (the first epoch traces the graph);
* ``fit s``: total wall-clock seconds of ``fit``, first epoch included;
* ``peak MB``: peak resident memory of the process;
* ``accuracy``: on the test split.

With ``validation=True`` (``varlstm benchmark --validation``) a stratified
fifth of the training split stands in for the test split, which is then
never loaded: that is where settings are chosen.
"""

from __future__ import annotations

import multiprocessing
import platform
import resource
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from ..datasets import load_unequal_length_panel
from ..training import steady_epoch_seconds
from ._processes import in_fresh_process
from .preprocessing import PREPROCESSING, resample, shape_and_log_amplitude, standardize
from .vote import network_and_trees

__all__ = [
    "BEST",
    "BEST_PREPROCESSING",
    "Run",
    "benchmark_runs",
    "format_table",
    "held_out_validation",
    "plot_results",
    "run_benchmark",
]


@dataclass(frozen=True)
class Run:
    """One training run of the benchmark."""

    dataset: str
    method: str  # the label in the table
    params: dict = field(default_factory=dict)
    key: str = ""  # the name ``varlstm benchmark --methods`` selects it by
    resample_to: int | None = None  # resample every series to this length
    peer: bool = False  # sktime's padded LSTM-FCN instead of ours
    subsample: int | None = None  # keep this many train/test series (quick)
    # how train and test are prepared; None: preprocessing.PREPROCESSING[dataset]
    preprocessing: Callable | None = None
    # vote with extra trees (vote.network_and_trees): the trees see the raw
    # series, the network sees them through ``preprocessing``
    trees: bool = False
    estimator: str = "LSTMClassifier"  # the package's class that is trained


# The article's network (LSTM 32-64-32, Dense 100) for the strategy
# comparison: same network, same epochs, only the batching differs.
STRATEGY_EPOCHS = {"japanese_vowels": 50, "plaid": 5}

# The documented accuracy configurations of ``LSTMFCNClassifier`` (the
# JapaneseVowels one is its defaults).
BEST = {
    "japanese_vowels": {
        "units": (64,),
        "dropout": 0.2,
        "l2": 0.0,
        "n_epochs": 100,
    },
    "plaid": {
        "units": (32,),
        "dropout": 0.2,
        "l2": 0.0,
        "n_epochs": 150,
        "reduce_lr_patience": 8,
        "max_timesteps_per_batch": 32 * 400,
        "random_crop": 0.7,
        "normalization": "none",
        "pooling": ("average", "max"),
        "dense_units": (64,),
    },
}

# How each accuracy configuration's train and test series are prepared
# (the strategy rows use ``preprocessing.PREPROCESSING``). PLAID's amplitude tells
# appliances apart, so its configuration sees the shape and the log amplitude.
BEST_PREPROCESSING = {
    "japanese_vowels": standardize,
    "plaid": shape_and_log_amplitude,
}

# ``--validation``: the share of the training split held out (stratified).
VALIDATION_FRACTION = 0.2

# sktime's LSTM-FCN on PLAID padded to 1344 steps is slow: fewer epochs there.
PEER_EPOCHS = {"japanese_vowels": 100, "plaid": 20}

METHODS = (
    "per_sample",
    "bucket",
    "bucket_budget",
    "pad",
    "resampled",
    "lstm_fcn",
    "lstm_fcn_trees",
    "sktime_lstm_fcn",
)

_MEDIAN_LENGTH = {"japanese_vowels": 15, "plaid": 300}
_LONGEST = {"japanese_vowels": 29, "plaid": 1344}


def benchmark_runs(datasets=("japanese_vowels", "plaid"), quick=False, methods=None):
    """The list of runs ``varlstm benchmark`` performs.

    ``methods`` keeps only the runs with those keys (see :data:`METHODS`).
    The ``bucket_budget`` row caps every batch at the time steps of one padded
    batch of 32 (``32 * longest``) instead of at 32 series, so short series
    travel in large batches. (Its peak memory is not bounded by the padded
    batch's: on PLAID it measured higher, 1,624 vs 1,169 MB.)
    """
    runs = []
    for dataset in datasets:
        if quick:
            common = {"units": (4,), "dense_units": (4,), "n_epochs": 2}
            kw = {"subsample": 24}
            budget = 8 * _LONGEST[dataset]
        else:
            common = {"n_epochs": STRATEGY_EPOCHS[dataset]}
            kw = {}
            budget = 32 * _LONGEST[dataset]
        # (label, key, batching parameters): same network and epochs for all
        strategies = [
            ("per_sample", "per_sample", {"batching": "per_sample"}),
            ("bucket", "bucket", {"batching": "bucket"}),
            (
                "bucket, step budget",
                "bucket_budget",
                {
                    "batching": "bucket",
                    "batch_size": 1024,
                    "max_timesteps_per_batch": budget,
                },
            ),
            ("pad", "pad", {"batching": "pad"}),
        ]
        runs += [
            Run(dataset, label, {**common, **batching}, key=key, **kw)
            for label, key, batching in strategies
        ]
        length = 16 if quick else _MEDIAN_LENGTH[dataset]
        runs.append(
            Run(dataset, "resampled", common, key="resampled", resample_to=length, **kw)
        )
        if quick:
            continue
        runs.append(
            Run(
                dataset,
                "bucket, lstm_fcn",
                BEST[dataset],
                key="lstm_fcn",
                preprocessing=BEST_PREPROCESSING[dataset],
                estimator="LSTMFCNClassifier",
            )
        )
        if dataset == "plaid":  # chosen on PLAID (see vote.py)
            runs.append(
                Run(
                    dataset,
                    "bucket, lstm_fcn + trees (vote)",
                    BEST[dataset],
                    key="lstm_fcn_trees",
                    preprocessing=BEST_PREPROCESSING[dataset],
                    trees=True,
                    estimator="LSTMFCNClassifier",
                )
            )
        runs.append(
            Run(
                dataset,
                "sktime LSTMFCN, padded",
                {"n_epochs": PEER_EPOCHS[dataset]},
                key="sktime_lstm_fcn",
                peer=True,
            )
        )
    if methods is not None:
        unknown = set(methods) - set(METHODS)
        if unknown:
            raise ValueError(
                f"unknown methods {sorted(unknown)}; choose from {METHODS}"
            )
        runs = [run for run in runs if run.key in methods]
    return runs


def run_benchmark(runs, *, validation=False, progress=print):
    """Perform ``runs``, each in a fresh process, and return result rows.

    ``validation=True`` scores every run on a held-out part of the training
    split instead of the test split (see :func:`held_out_validation`).
    """
    rows = []
    for run in runs:
        progress(f"running {run.dataset} / {run.method} ...")
        row = in_fresh_process(_measure, run, validation)
        progress(_format_row(row))
        rows.append(row)
    return rows


def held_out_validation(X, y, fraction=VALIDATION_FRACTION, seed=0):
    """Split training series into ``X_fit, y_fit, X_val, y_val`` (stratified).

    ``varlstm benchmark --validation`` trains on the first two and scores on
    the last two, so the test split plays no part in choosing settings.

    Examples
    --------
    >>> import numpy as np
    >>> X = [np.zeros((t, 1)) for t in range(3, 13)]
    >>> y = np.array(["a"] * 5 + ["b"] * 5)
    >>> X_fit, y_fit, X_val, y_val = held_out_validation(X, y)
    >>> len(X_fit), y_val.tolist().count("a"), y_val.tolist().count("b")
    (8, 1, 1)
    """
    from sklearn.model_selection import train_test_split

    fit, val = train_test_split(
        np.arange(len(y)), test_size=fraction, stratify=y, random_state=seed
    )
    return [X[i] for i in fit], y[fit], [X[i] for i in val], y[val]


def _measure(run: Run, validation: bool = False) -> dict:
    X_train, y_train = load_unequal_length_panel(run.dataset, "train")
    if validation:
        X_train, y_train, X_test, y_test = held_out_validation(X_train, y_train)
    else:
        X_test, y_test = load_unequal_length_panel(run.dataset, "test")
    if run.subsample:  # evenly spaced: the files are sorted by class
        X_train, y_train = _every_kth(X_train, y_train, run.subsample)
        X_test, y_test = _every_kth(X_test, y_test, run.subsample)
    if not run.trees:  # the vote prepares the network's series itself
        preprocess = run.preprocessing or PREPROCESSING[run.dataset]
        X_train, X_test = preprocess(X_train, X_test)
    if run.resample_to:
        X_train = [resample(s, run.resample_to) for s in X_train]
        X_test = [resample(s, run.resample_to) for s in X_test]
    estimator = _peer(run, X_train + X_test) if run.peer else _ours(run)
    start = time.perf_counter()
    estimator.fit(X_train if not run.peer else _to_nested(X_train), y_train)
    fit_seconds = time.perf_counter() - start
    predicted = estimator.predict(X_test if not run.peer else _to_nested(X_test))
    epoch_seconds = _epoch_seconds(estimator)
    return {
        "dataset": run.dataset,
        "method": run.method,
        "epochs": len(epoch_seconds) if epoch_seconds else run.params["n_epochs"],
        "steady_epoch_seconds": steady_epoch_seconds(epoch_seconds),
        "fit_seconds": fit_seconds,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "accuracy": float(np.mean(np.asarray(predicted) == y_test)),
    }


def _every_kth(series, labels, n):
    keep = np.linspace(0, len(series) - 1, n).astype(int)
    return [series[i] for i in keep], labels[keep]


def _ours(run):
    import sktime_varlstm

    network = getattr(sktime_varlstm, run.estimator)(**run.params, random_state=0)
    if run.trees:
        return network_and_trees(
            network, network_preprocessing=run.preprocessing, random_state=0
        )
    return network


def _peer(run, all_series):
    from sktime.classification.deep_learning import LSTMFCNClassifier
    from sktime.transformations.panel.padder import PaddingTransformer

    longest = max(len(s) for s in all_series)
    return PaddingTransformer(pad_length=longest) * LSTMFCNClassifier(
        batch_size=32, random_state=0, **run.params
    )


def _to_nested(series):
    import pandas as pd
    from sktime.datatypes import convert_to

    return convert_to([pd.DataFrame(s) for s in series], to_type="nested_univ")


def _epoch_seconds(estimator):
    if hasattr(estimator, "named_estimators_"):  # the vote: its network's epochs
        estimator = estimator.named_estimators_["network"][-1]
    if hasattr(estimator, "epoch_seconds_"):
        return list(estimator.epoch_seconds_)
    return None  # the peer records no epoch times


COLUMNS = [
    ("dataset", "data set", "{}"),
    ("method", "method", "{}"),
    ("epochs", "epochs", "{}"),
    ("steady_epoch_seconds", "steady s/epoch", "{:.3f}"),
    ("fit_seconds", "fit s (total)", "{:.1f}"),
    ("peak_mb", "peak MB", "{:.0f}"),
    ("accuracy", "accuracy", "{:.4f}"),
]


def _format_row(row):
    cells = [
        "n/a" if _is_nan(row[key]) else fmt.format(row[key]) for key, _, fmt in COLUMNS
    ]
    return "| " + " | ".join(cells) + " |"


def _is_nan(value):
    return isinstance(value, float) and np.isnan(value)


def format_table(rows) -> str:
    """Markdown table of result rows, with the machine they came from."""
    header = "| " + " | ".join(title for _, title, _ in COLUMNS) + " |"
    rule = "|" + "---|" * len(COLUMNS)
    lines = [header, rule, *(_format_row(r) for r in rows)]
    machine = f"{platform.machine()}, {multiprocessing.cpu_count()} cores"
    return (
        "\n".join(lines)
        + f"\n\nMachine: {machine}, Python {platform.python_version()}."
    )


def plot_results(rows, path, scored_on="test"):
    """Accuracy against total fit time, one point per method and data set.

    ``scored_on`` names the split the accuracy comes from (axis label).
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib import ticker

    datasets = sorted({r["dataset"] for r in rows})
    fig, axes = plt.subplots(1, len(datasets), figsize=(6 * len(datasets), 4.5))
    axes = np.atleast_1d(axes)
    for ax, dataset in zip(axes, datasets, strict=True):
        for row in (r for r in rows if r["dataset"] == dataset):
            ax.scatter(row["fit_seconds"], row["accuracy"], s=40)
            ax.annotate(
                row["method"],
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
        ax.set_ylabel(f"{scored_on} accuracy")
        ax.set_title(dataset)
        ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
