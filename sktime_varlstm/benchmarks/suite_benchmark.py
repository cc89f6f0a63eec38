"""``varlstm benchmark --suite``: the package's classifier against its peers.

Every method trains on the training split of every suite data set
(:mod:`~sktime_varlstm.benchmarks.suite`) once per seed and is scored once on
the test split. Each fit runs in a fresh process, so one run's traced graphs
or compiled functions never speed up or slow down another. Methods:

``varlstm``
    :class:`~sktime_varlstm.LSTMClassifier` with :data:`VARLSTM_PARAMS` and
    :func:`varlstm_epochs`, the same rule for every data set, on three
    channels per channel: the values z-scored with training statistics, each
    series' shape and its log amplitude (:func:`shape_log_and_level`).
``minirocket``
    sktime's ``MiniRocketMultivariateVariable`` + scaler + ridge
    (:class:`~sktime_varlstm.benchmarks.peers.MiniRocketRidge`).
``sktime_lstm_fcn``
    sktime's ``LSTMFCNClassifier`` on series padded to the longest one, for
    :data:`SKTIME_LSTM_FCN_EPOCHS` epochs (sktime's default, 2000, takes
    hours here).

The table gives the test accuracy (mean and standard deviation over the
seeds) and the mean fit seconds per data set, then over the suite: the mean
accuracy, the mean rank (1 is best, ties share), the total fit seconds and
their ratio to MiniRocket's.
"""

from __future__ import annotations

import concurrent.futures
import multiprocessing
import platform
import time
from dataclasses import dataclass

import numpy as np

from .preprocessing import shape_and_log_amplitude
from .suite import SUITE, load_suite_panel

__all__ = [
    "METHODS",
    "SuiteRun",
    "format_suite_table",
    "plot_suite",
    "run_suite",
    "suite_runs",
    "summarize",
]

METHODS = ("varlstm", "minirocket", "sktime_lstm_fcn")
PEER = "minirocket"  # the method fit times are compared with

# LSTMFCNClassifier's configuration in the suite, the same for every data set:
# the candidate defaults chosen by 3-fold cross-validation over the training
# splits (docs/suite.md). Its series are seen through
# :func:`shape_log_and_level` (VARLSTM_INPUT) and its epochs come from the
# size of the training data (:func:`varlstm_epochs`).
VARLSTM_PARAMS = {
    "units": (32,),
    "filters": (64, 128, 64),
    "dropout": 0.2,
    "l2": 0.0,
    "batch_size": 16,
    "early_stopping_patience": 15,  # on the training loss; best weights kept
    "reduce_lr_patience": 5,
}
# varlstm_epochs: about this many weight updates, at most this many time
# steps seen in all, and within these bounds.
UPDATES, TIME_STEPS, EPOCH_BOUNDS = 600, 4_000_000, (20, 100)

SKTIME_LSTM_FCN_EPOCHS = 100

# --quick: a few series per split and tiny models, a smoke run.
QUICK_SERIES = 12
_QUICK_PARAMS = {
    "varlstm": {
        "units": (4,),
        "filters": (4, 4),
        "kernel_sizes": (3, 3),
        "n_epochs": 1,
    },
    "minirocket": {"num_kernels": 84},
    "sktime_lstm_fcn": {"n_epochs": 1},
}


@dataclass(frozen=True)
class SuiteRun:
    """One fit and one scoring of one method on one data set."""

    dataset: str
    method: str
    seed: int
    quick: bool = False


def suite_runs(datasets=SUITE, methods=METHODS, seeds=(0, 1, 2), quick=False):
    """Every (data set, method, seed) of the suite benchmark, data set first."""
    unknown = (set(datasets) - set(SUITE), set(methods) - set(METHODS))
    if unknown[0] or unknown[1]:
        raise ValueError(
            f"unknown data sets {sorted(unknown[0])} or methods {sorted(unknown[1])}"
            f"; choose from {SUITE} and {METHODS}"
        )
    return [
        SuiteRun(dataset, method, seed, quick)
        for dataset in datasets
        for method in methods
        for seed in seeds
    ]


def run_suite(runs, *, fresh_processes=True, progress=print):
    """Perform ``runs``, each in a fresh process, and return result rows.

    ``fresh_processes=False`` runs them all in this process (a smoke run
    with ``quick`` runs, whose times mean nothing anyway).
    """
    if not fresh_processes:
        return [_report(measure(run), progress) for run in runs]
    context = multiprocessing.get_context("spawn")
    if any(run.method == "minirocket" for run in runs):
        # MiniRocket's numba functions compile once per installation (cached
        # on disk), ~50 s here: a user pays that once, so no timed run does.
        with concurrent.futures.ProcessPoolExecutor(1, mp_context=context) as pool:
            pool.submit(_compile_minirocket).result()
    rows = []
    for run in runs:
        with concurrent.futures.ProcessPoolExecutor(1, mp_context=context) as pool:
            rows.append(_report(pool.submit(measure, run).result(), progress))
    return rows


def _report(row, progress):
    progress(
        f"{row['dataset']} / {row['method']} / seed {row['seed']}: "
        f"accuracy {row['accuracy']:.4f}, fit {row['fit_seconds']:.1f} s"
    )
    return row


def measure(run: SuiteRun) -> dict:
    """Fit ``run``'s method on the training split, score it on the test split."""
    X_train, y_train = load_suite_panel(run.dataset, "train")
    X_test, y_test = load_suite_panel(run.dataset, "test")
    if run.quick:
        X_train, y_train = _subsample(X_train, y_train, QUICK_SERIES)
        X_test, y_test = _subsample(X_test, y_test, QUICK_SERIES)
    # the padded peer pads to the longest series it will see (lengths only)
    longest = max(len(s) for s in X_train + X_test)
    estimator, prepare = make_method(
        run.method, run.seed, X_train, longest=longest, quick=run.quick
    )
    start = time.perf_counter()  # preparing the training series counts
    X_train, prepare_other = prepare(X_train)
    estimator.fit(X_train, y_train)
    fit_seconds = time.perf_counter() - start
    predicted = np.asarray(estimator.predict(prepare_other(X_test)))
    return {
        "dataset": run.dataset,
        "method": run.method,
        "seed": run.seed,
        "fit_seconds": fit_seconds,
        "accuracy": float(np.mean(predicted == y_test)),
        "epochs": int(getattr(estimator, "n_epochs_", 0)) or None,
    }


def make_method(method, seed, X_train, *, longest, quick=False):
    """An unfitted estimator and how its input is prepared.

    ``prepare(X_train)`` returns the prepared training series and the
    function that prepares any other series the same way (with statistics
    of the training series only).
    """
    params = _QUICK_PARAMS[method] if quick else {}
    if method == "varlstm":
        from .. import LSTMFCNClassifier

        epochs = varlstm_epochs(X_train, VARLSTM_PARAMS["batch_size"])
        params = {**VARLSTM_PARAMS, "n_epochs": epochs, **params}
        return LSTMFCNClassifier(**params, random_state=seed), VARLSTM_INPUT
    if method == "minirocket":
        from .peers import MiniRocketRidge

        return MiniRocketRidge(**params, random_state=seed), _unchanged
    from sktime.classification.deep_learning import LSTMFCNClassifier
    from sktime.transformations.panel.padder import PaddingTransformer

    params = {"n_epochs": SKTIME_LSTM_FCN_EPOCHS, **params}
    padded = PaddingTransformer(pad_length=longest) * LSTMFCNClassifier(
        batch_size=32, random_state=seed, **params
    )
    return padded, _per_series(_to_nested)


def varlstm_epochs(series, batch_size):
    """Epochs for :data:`UPDATES` weight updates, at most :data:`TIME_STEPS`.

    Small data sets get many epochs of few batches, long series few epochs;
    the result is clipped to :data:`EPOCH_BOUNDS`.

    Examples
    --------
    >>> import numpy as np
    >>> varlstm_epochs([np.zeros((20, 1))] * 270, 16)  # 17 batches an epoch
    36
    >>> varlstm_epochs([np.zeros((400, 1))] * 537, 16)  # 214,800 steps
    20
    """
    batches = -(-len(series) // batch_size)
    epochs = min(-(-UPDATES // batches), -(-TIME_STEPS // sum(map(len, series))))
    low, high = EPOCH_BOUNDS
    return int(min(max(epochs, low), high))


def _per_series(transform):
    """A ``prepare`` that learns nothing: ``transform`` every list alike."""

    def prepare(train):
        return transform(train), transform

    return prepare


_unchanged = _per_series(lambda series: series)


def shape_log_and_level(train):
    """Three channels per channel: standardized values, shape, log amplitude.

    The first ``C`` channels are the input's, z-scored with the mean and
    deviation of all training steps (fitted here, as an estimator's input
    scaling would be); the next ``2 * C`` are each series' own shape and log
    amplitude (``datasets.shape_and_log_amplitude``).

    Examples
    --------
    >>> train = [np.array([[1.0], [3.0]]), np.array([[5.0], [7.0]])]
    >>> prepared, prepare_other = shape_log_and_level(train)
    >>> prepared[0][:, 0].tolist(), prepared[0].shape  # training mean 4, sd 2.24
    ([-1.341640830039978, -0.4472135901451111], (2, 3))
    >>> prepare_other([np.array([[4.0], [4.0]])])[0][:, 0].tolist()
    [0.0, 0.0]
    """
    steps = np.concatenate(train)
    mean, scale = steps.mean(axis=0), steps.std(axis=0) + 1e-8

    def transform(series):
        (shape_log,) = shape_and_log_amplitude(series)
        return [
            np.concatenate([((s - mean) / scale).astype("float32"), sl], axis=1)
            for s, sl in zip(series, shape_log, strict=True)
        ]

    return transform(train), transform


# How the varlstm method sees its series (chosen with VARLSTM_PARAMS).
VARLSTM_INPUT = shape_log_and_level


def _to_nested(series):
    import pandas as pd
    from sktime.datatypes import convert_to

    frames = [pd.DataFrame(s) for s in series]
    return convert_to(frames, to_type="nested_univ")


def _subsample(series, labels, n):
    keep = np.sort(np.random.default_rng(0).permutation(len(series))[:n])
    return [series[i] for i in keep], labels[keep]


def _compile_minirocket():
    from .peers import MiniRocketRidge

    rng = np.random.default_rng(0)
    X = [rng.normal(size=(20, 2)) for _ in range(4)]
    MiniRocketRidge(num_kernels=84, random_state=0).fit(X, ["a", "b"] * 2)


# --- the table -----------------------------------------------------------
def summarize(rows):
    """Per data set and method: mean and std of accuracy, mean fit seconds.

    Returns ``(cells, overall)``: ``cells[(dataset, method)]`` is a dict with
    ``mean``, ``std``, ``fit_seconds`` and ``n_seeds``; ``overall[method]``
    has ``mean_accuracy``, ``mean_rank``, ``total_fit_seconds`` (the sum
    over data sets of the mean fit seconds) and ``fit_ratio`` (to the peer's).
    """
    datasets = list(dict.fromkeys(r["dataset"] for r in rows))
    methods = list(dict.fromkeys(r["method"] for r in rows))
    cells = {}
    for key in {(r["dataset"], r["method"]) for r in rows}:
        chosen = [r for r in rows if (r["dataset"], r["method"]) == key]
        accuracy = np.array([r["accuracy"] for r in chosen])
        cells[key] = {
            "mean": float(accuracy.mean()),
            "std": float(accuracy.std()),
            "fit_seconds": float(np.mean([r["fit_seconds"] for r in chosen])),
            "n_seeds": len(chosen),
        }
    complete = [d for d in datasets if all((d, m) in cells for m in methods)]
    ranks = {m: [] for m in methods}
    for dataset in complete:
        scores = np.array([cells[dataset, m]["mean"] for m in methods])
        for method, rank in zip(methods, _ranks(scores), strict=True):
            ranks[method].append(rank)
    overall = {}
    for method in methods:
        total = sum(cells[d, method]["fit_seconds"] for d in complete)
        overall[method] = {
            "mean_accuracy": float(
                np.mean([cells[d, method]["mean"] for d in complete])
            )
            if complete
            else float("nan"),
            "mean_rank": float(np.mean(ranks[method])) if complete else float("nan"),
            "total_fit_seconds": total,
        }
    peer_total = overall.get(PEER, {}).get("total_fit_seconds")
    for values in overall.values():
        values["fit_ratio"] = (
            values["total_fit_seconds"] / peer_total if peer_total else float("nan")
        )
    return cells, overall


def _ranks(scores):
    """Rank 1 for the highest score; tied scores share their mean rank."""
    order = (-scores).argsort(kind="stable")
    ranks = np.empty(len(scores))
    ranks[order] = np.arange(1, len(scores) + 1)
    for value in np.unique(scores):
        tied = scores == value
        ranks[tied] = ranks[tied].mean()
    return ranks


def format_suite_table(rows) -> str:
    """Markdown: accuracy mean ± std and mean fit s per data set, then totals."""
    cells, overall = summarize(rows)
    datasets = list(dict.fromkeys(r["dataset"] for r in rows))
    methods = list(overall)
    seeds = sorted({r["seed"] for r in rows})
    header = "| data set | " + " | ".join(f"{m} accuracy | {m} fit s" for m in methods)
    lines = [header + " |", "|---|" + "---|---|" * len(methods)]
    for dataset in datasets:
        row = [dataset]
        for method in methods:
            cell = cells.get((dataset, method))
            if cell is None:
                row += ["n/a", "n/a"]
            else:
                row += [
                    f"{cell['mean']:.4f} ± {cell['std']:.4f}",
                    f"{cell['fit_seconds']:.1f}",
                ]
        lines.append("| " + " | ".join(row) + " |")
    summary = [
        f"| method | mean accuracy | mean rank | total fit s | fit time / {PEER}'s |",
        "|---|---|---|---|---|",
    ]
    for method, values in overall.items():
        summary.append(
            f"| {method} | {values['mean_accuracy']:.4f} | "
            f"{values['mean_rank']:.2f} | {values['total_fit_seconds']:.1f} | "
            f"{values['fit_ratio']:.1f}x |"
        )
    machine = f"{platform.machine()}, {multiprocessing.cpu_count()} cores"
    return (
        "\n".join(lines)
        + "\n\n"
        + "\n".join(summary)
        + f"\n\nTest accuracy, mean ± std over seeds {seeds}; fit s: mean over "
        "the seeds. Totals over the data sets every method ran on. "
        f"Machine: {machine}, Python {platform.python_version()}."
    )


def plot_suite(rows, path):
    """Mean test accuracy against mean fit seconds: one point per method and set."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    cells, overall = summarize(rows)
    fig, ax = plt.subplots(figsize=(7, 5))
    for method in overall:
        keys = sorted(k for k in cells if k[1] == method)
        seconds = [cells[k]["fit_seconds"] for k in keys]
        accuracy = [cells[k]["mean"] for k in keys]
        ax.scatter(seconds, accuracy, s=40, label=method)
        for (dataset, _), x, y in zip(keys, seconds, accuracy, strict=True):
            ax.annotate(
                dataset, (x, y), textcoords="offset points", xytext=(4, 3), fontsize=7
            )
    ax.set_xscale("log")
    ax.set_xlabel("mean fit time (s, log scale)")
    ax.set_ylabel("mean test accuracy")
    ax.grid(alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
