"""``varlstm benchmark --suite``: the package's classifier against its peers.

Every method trains on the training split of every suite data set
(:data:`sktime_varlstm.datasets.SUITE`) once per seed and is scored once on
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

The table gives the test accuracy (mean ± standard deviation over the
seeds) and the mean fit seconds per data set and method, then over the suite: the mean
accuracy, the mean rank (1 is best, ties share), the total fit seconds and
their ratio to MiniRocket's.
"""

from __future__ import annotations

import time

import numpy as np

from ..datasets import SUITE, load_unequal_length_panel
from ._record import Run, grid
from ._report import Column, format_table, machine_note, ranks
from .peers import warm_up_minirocket
from .preprocessing import subsample

__all__ = [
    "DATASETS",
    "METHODS",
    "SEEDS",
    "make_method",
    "measure",
    "plot",
    "runs",
    "summarize",
    "table",
    "warm_up",
]

FRESH_PROCESSES = True
DATASETS = SUITE
SEEDS = (0, 1, 2)
METHODS = ("varlstm", "minirocket", "sktime_lstm_fcn")
PEER = "minirocket"  # the method fit times are compared with

SKTIME_LSTM_FCN_EPOCHS = 100

# --quick: a few series of every class and tiny models, a smoke run.
QUICK_PER_CLASS = 3
_QUICK_PARAMS = {
    "varlstm": {"filters": 4, "dilations": (1, 2), "n_epochs": 1},
    "minirocket": {"num_kernels": 84},
    "sktime_lstm_fcn": {"n_epochs": 1},
}


def runs(datasets=None, methods=None, seeds=None, quick=False) -> list[Run]:
    """Every (data set, method, seed) of the suite benchmark, data set first."""
    return grid(
        datasets,
        methods,
        seeds,
        quick,
        known_datasets=SUITE,
        known_methods=METHODS,
        default_seeds=SEEDS,
        quick_params=_QUICK_PARAMS,
    )


warm_up = warm_up_minirocket


def measure(run: Run) -> dict:
    """Fit ``run``'s method on the training split, score it on the test split."""
    from ..training import steady_epoch_seconds  # TensorFlow: only when run

    X_train, y_train = load_unequal_length_panel(run.dataset, "train")
    X_test, y_test = load_unequal_length_panel(run.dataset, "test")
    if run.quick:
        X_train, y_train = subsample(X_train, y_train, QUICK_PER_CLASS)
        X_test, y_test = subsample(X_test, y_test, QUICK_PER_CLASS)
    # the padded peer pads to the longest series it will see (lengths only)
    longest = max(len(s) for s in X_train + X_test)
    estimator, prepare = make_method(run.method, run.seed, longest, **run.params)
    start = time.perf_counter()  # preparing the training series counts
    estimator.fit(prepare(X_train), y_train)
    fit_seconds = time.perf_counter() - start
    predicted = np.asarray(estimator.predict(prepare(X_test)))
    return {
        "fit_seconds": fit_seconds,
        "accuracy": float(np.mean(predicted == y_test)),
        "epochs": int(getattr(estimator, "n_epochs_", 0)) or None,
        # median epoch after the first (which traces the graphs); nan if none
        "steady_epoch_seconds": steady_epoch_seconds(
            getattr(estimator, "epoch_seconds_", None)
        ),
    }


def make_method(method, seed, longest, **params):
    """An unfitted estimator and how every panel it sees is prepared.

    ``prepare`` treats each series on its own (it learns nothing from the
    training split); ``longest`` is the length the padded peer pads to.
    """
    if method == "varlstm":
        from .. import DilatedConvClassifier

        return DilatedConvClassifier(**params, random_state=seed), _unchanged
    if method == "minirocket":
        from .peers import MiniRocketRidge

        return MiniRocketRidge(**params, random_state=seed), _unchanged
    from .peers import padded_lstm_fcn, to_nested

    params = {"n_epochs": SKTIME_LSTM_FCN_EPOCHS, **params}
    return padded_lstm_fcn(longest, seed, **params), to_nested


def _unchanged(series):
    return series


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
    ranked = {m: [] for m in methods}
    for dataset in complete:
        scores = np.array([cells[dataset, m]["mean"] for m in methods])
        for method, rank in zip(methods, ranks(scores), strict=True):
            ranked[method].append(rank)
    overall = {}
    for method in methods:
        total = sum(cells[d, method]["fit_seconds"] for d in complete)
        overall[method] = {
            "mean_accuracy": float(
                np.mean([cells[d, method]["mean"] for d in complete])
            )
            if complete
            else float("nan"),
            "mean_rank": float(np.mean(ranked[method])) if complete else float("nan"),
            "total_fit_seconds": total,
        }
    peer_total = overall.get(PEER, {}).get("total_fit_seconds")
    for values in overall.values():
        values["fit_ratio"] = (
            values["total_fit_seconds"] / peer_total if peer_total else float("nan")
        )
    return cells, overall


COLUMNS = [
    Column("dataset", "data set"),
    Column("method", "method"),
    Column("accuracy", "accuracy", "{:.4f}", spread=True, right=True),
    Column("fit_seconds", "fit s", "{:.1f}", right=True),
    Column("steady_epoch_seconds", "s/epoch after the first", "{:.3f}", right=True),
    Column("runs", "seeds", right=True),
]
SUMMARY_COLUMNS = [
    Column("method", "method"),
    Column("mean_accuracy", "mean accuracy", "{:.4f}", right=True),
    Column("mean_rank", "mean rank", "{:.2f}", right=True),
    Column("total_fit_seconds", "total fit s", "{:.1f}", right=True),
    Column("fit_ratio", f"fit time / {PEER}'s", "{:.1f}x", right=True),
]


def table(rows) -> str:
    """Markdown: accuracy mean ± std and fit s per data set and method, totals."""
    _, overall = summarize(rows)
    summary = [{"method": method, **values} for method, values in overall.items()]
    seeds = sorted({r["seed"] for r in rows})
    return (
        format_table(rows, COLUMNS, by=("dataset", "method"))
        + "\n\n"
        + format_table(summary, SUMMARY_COLUMNS)
        + f"\n\nTest accuracy, mean ± std over seeds {seeds}; fit s: mean over "
        "the seeds of the whole fit (first epoch, which traces the graphs, "
        "included), then the steady state: the median epoch after the first. "
        "Totals over the data sets every method ran on. " + machine_note()
    )


def plot(rows, path) -> None:
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
