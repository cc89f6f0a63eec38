"""``varlstm benchmark --suite``: the package's classifier against its peers.

Every method trains on the training split of every suite data set
(:mod:`~sktime_varlstm.datasets._suite`) once per seed and is scored once on
the test split. Each fit runs in a fresh process, so one run's traced graphs
or compiled functions never speed up or slow down another. Methods:

``varlstm``
    The package's recommended classifier with its defaults,
    :class:`~sktime_varlstm.DilatedConvClassifier` ``(random_state=seed)``:
    no parameter and no preparation of the series chosen per data set (its
    input scaling is fitted in ``fit``).
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

import multiprocessing
import platform
import time
from dataclasses import dataclass

import numpy as np

from ..datasets import SUITE, load_unequal_length_panel
from ._processes import in_fresh_process

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

SKTIME_LSTM_FCN_EPOCHS = 100

# --quick: a few series per split and tiny models, a smoke run.
QUICK_SERIES = 12
_QUICK_PARAMS = {
    "varlstm": {"filters": 4, "dilations": (1, 2), "n_epochs": 1},
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
    if any(run.method == "minirocket" for run in runs):
        # MiniRocket's numba functions compile once per installation (cached
        # on disk), ~50 s here: a user pays that once, so no timed run does.
        in_fresh_process(_compile_minirocket)
    rows = []
    for run in runs:
        rows.append(_report(in_fresh_process(measure, run), progress))
    return rows


def _report(row, progress):
    progress(
        f"{row['dataset']} / {row['method']} / seed {row['seed']}: "
        f"accuracy {row['accuracy']:.4f}, fit {row['fit_seconds']:.1f} s"
    )
    return row


def measure(run: SuiteRun) -> dict:
    """Fit ``run``'s method on the training split, score it on the test split."""
    from ..training import steady_epoch_seconds  # TensorFlow: only when run

    X_train, y_train = load_unequal_length_panel(run.dataset, "train")
    X_test, y_test = load_unequal_length_panel(run.dataset, "test")
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
        # median epoch after the first (which traces the graphs); nan if none
        "steady_epoch_seconds": steady_epoch_seconds(
            getattr(estimator, "epoch_seconds_", None)
        ),
    }


def make_method(method, seed, X_train, *, longest, quick=False):
    """An unfitted estimator and how its input is prepared.

    ``prepare(X_train)`` returns the prepared training series and the
    function that prepares any other series the same way (with statistics
    of the training series only).
    """
    params = _QUICK_PARAMS[method] if quick else {}
    if method == "varlstm":
        from .. import DilatedConvClassifier

        return DilatedConvClassifier(**params, random_state=seed), _unchanged
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


def _per_series(transform):
    """A ``prepare`` that learns nothing: ``transform`` every list alike."""

    def prepare(train):
        return transform(train), transform

    return prepare


_unchanged = _per_series(lambda series: series)


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
            "steady_epoch_seconds": float(
                np.mean([r.get("steady_epoch_seconds", np.nan) for r in chosen])
            ),
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
                fit = f"{cell['fit_seconds']:.1f}"
                if np.isfinite(cell["steady_epoch_seconds"]):
                    fit += f" ({cell['steady_epoch_seconds']:.3f}/epoch)"
                row += [f"{cell['mean']:.4f} ± {cell['std']:.4f}", fit]
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
        "the seeds of the whole fit (first epoch, which traces the graphs, "
        "included), in brackets the steady state: the median epoch after the "
        "first. Totals over the data sets every method ran on. "
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
