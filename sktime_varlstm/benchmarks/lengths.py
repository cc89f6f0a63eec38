"""``varlstm benchmark --task lengths``: true lengths against padding and resampling.

Does training on the true length beat making the lengths equal? Every
network of the package with its defaults (:data:`NETWORKS`) trains on every
suite data set (:data:`sktime_varlstm.datasets.SUITE`) once per seed, with
the series presented in each of these ways (:data:`WAYS`), and is scored
once on the test split:

``true_length``
    The series as they are: length buckets, padding masked (the package's way).
``pad_masked``
    Zeros after every series up to the longest training series, masked
    (``batching="pad"``): the same computation as ``true_length`` wherever
    the network honours the mask, only slower.
``pad_after``
    Zeros after every series up to the longest training series, **not**
    masked: the network sees the zeros as steps, as sktime's and aeon's
    padded deep classifiers do.
``pad_before``
    The same zeros before the series, not masked.
``resample``
    Every series linearly resampled to the training split's median length.
``truncate``
    Every series cut to its first steps, as many as the shortest training
    series has.

One rule for every way at test time: a test series is presented as a
training series is; one longer than the padded length keeps its first steps
(as truncation does), and resampling stretches or squeezes any length. The
network, its input scaling (applied to what it is given, zeros included)
and its epochs are the same for every way: ``n_epochs="auto"`` is resolved
once from the true training lengths.

``lstm:per_sample`` is the article's batch size 1 for ``LSTMClassifier``:
a speed reference only, :data:`PER_SAMPLE_EPOCHS` epochs whose steady
seconds per epoch stand beside the same network's buckets; its accuracy is
not reported (it is not trained to the end).

**Lengths outside training** (``split="shorter_half"``, the naturally
unequal sets only, :data:`OUTSIDE_DATASETS`): train on the shorter half of
the training series (by length) and score every test series, reported apart
for test series shorter than every training series, within their range, and
longer than every one (:data:`OUTSIDE_WAYS`).

Every run is a fresh process, so its peak memory (``ru_maxrss``) is its own.
"""

from __future__ import annotations

import resource
import time

import numpy as np

from ..datasets import SUITE, load_unequal_length_panel
from ._record import Run, grid
from ._report import Column, format_table, machine_note, mean_of_all, ranks
from .preprocessing import resample, subsample

__all__ = [
    "DATASETS",
    "METHODS",
    "NETWORKS",
    "SEEDS",
    "WAYS",
    "compare_with_true_length",
    "measure",
    "plot",
    "present",
    "runs",
    "summarize",
    "table",
]

FRESH_PROCESSES = True
DATASETS = SUITE
SEEDS = (0, 1, 2)
NETWORKS = {
    "dilated_conv": "DilatedConvClassifier",
    "lstm_fcn": "LSTMFCNClassifier",
    "lstm": "LSTMClassifier",
}
WAYS = ("true_length", "pad_masked", "pad_after", "pad_before", "resample", "truncate")
REFERENCE = "true_length"
PER_SAMPLE = "lstm:per_sample"
PER_SAMPLE_EPOCHS = 3
METHODS = tuple(f"{net}:{way}" for net in NETWORKS for way in WAYS) + (PER_SAMPLE,)
OUTSIDE_DATASETS = ("japanese_vowels", "plaid")
OUTSIDE_WAYS = ("true_length", "pad_masked", "pad_after", "resample")

# --quick: a few series of every class and tiny networks, a smoke run
QUICK_PER_CLASS = 3
_QUICK_NETWORK = {
    "dilated_conv": {"filters": 4, "dilations": (1, 2), "n_epochs": 1},
    "lstm_fcn": {"units": (4,), "filters": (4,), "kernel_sizes": (3,), "n_epochs": 1},
    "lstm": {"units": (4,), "dense_units": (4,), "n_epochs": 1},
}
_QUICK_PARAMS = {method: _QUICK_NETWORK[method.split(":")[0]] for method in METHODS}


def runs(datasets=None, methods=None, seeds=None, quick=False) -> list[Run]:
    """The grid (data set x network:way x seed), then the outside-training runs.

    The outside-training runs are those of the grid's naturally unequal data
    sets and :data:`OUTSIDE_WAYS` (``split="shorter_half"``).
    """
    every = grid(
        datasets,
        methods,
        seeds,
        quick,
        known_datasets=DATASETS,
        known_methods=METHODS,
        default_seeds=SEEDS,
        quick_params=_QUICK_PARAMS,
    )
    outside = [
        Run(run.dataset, run.method, run.seed, run.params, run.quick, "shorter_half")
        for run in every
        if run.dataset in OUTSIDE_DATASETS and run.method.split(":")[1] in OUTSIDE_WAYS
    ]
    return every + outside


def present(way, train, others):
    """``train`` and each list of ``others`` presented in ``way``.

    Lengths come from ``train`` only. Returns ``(train, *others, params)``
    with ``params`` the estimator parameters the way needs.

    Examples
    --------
    >>> train = [np.ones((2, 1)), np.ones((4, 1))]
    >>> test = [np.ones((6, 1))]
    >>> a, b, params = present("pad_before", train, [test])
    >>> [len(s) for s in a + b], a[0][:, 0].tolist(), params
    ([4, 4, 4], [0.0, 0.0, 1.0, 1.0], {})
    >>> [len(s) for s in present("truncate", train, [test])[1]]
    [2]
    """
    lengths = [len(s) for s in train]
    if way == "true_length":
        return train, *others, {}
    if way == "pad_masked":
        cut = _padded_or_cut(max(lengths), before=None)
        return *[[cut(s) for s in part] for part in (train, *others)], {
            "batching": "pad"
        }
    if way in ("pad_after", "pad_before"):
        pad = _padded_or_cut(max(lengths), before=way == "pad_before")
        return *[[pad(s) for s in part] for part in (train, *others)], {}
    if way == "resample":
        length = int(np.median(lengths))
        return *[[resample(s, length) for s in part] for part in (train, *others)], {}
    if way == "truncate":
        shortest = min(lengths)
        return *[[s[:shortest] for s in part] for part in (train, *others)], {}
    if way == "per_sample":
        return train, *others, {"batching": "per_sample"}
    raise ValueError(f"unknown way {way!r}; choose from {WAYS}")


def _padded_or_cut(length, before):
    """A function: the series cut to ``length`` steps, then zero-padded to it.

    ``before=None`` cuts only (the masked way pads inside the estimator).
    """

    def apply(series):
        series = np.asarray(series, dtype="float32")[:length]
        if before is None or len(series) == length:
            return series
        zeros = np.zeros((length - len(series), series.shape[1]), dtype="float32")
        return np.concatenate([zeros, series] if before else [series, zeros])

    return apply


def _network(name, seed, params):
    import sktime_varlstm

    return getattr(sktime_varlstm, NETWORKS[name])(**params, random_state=seed)


def measure(run: Run) -> dict:
    """Fit ``run``'s network on its way's training series; score the test split."""
    from ..training import auto_epochs, steady_epoch_seconds  # TensorFlow: when run

    network, way = run.method.split(":")
    X_train, y_train = load_unequal_length_panel(run.dataset, "train")
    X_test, y_test = load_unequal_length_panel(run.dataset, "test")
    if run.quick:
        X_train, y_train = subsample(X_train, y_train, QUICK_PER_CLASS)
        X_test, y_test = subsample(X_test, y_test, QUICK_PER_CLASS)
    if run.split == "shorter_half":
        order = np.argsort([len(s) for s in X_train], kind="stable")
        kept = np.sort(order[: len(order) // 2])
        X_train, y_train = [X_train[i] for i in kept], y_train[kept]
    estimator = _network(network, run.seed, run.params)
    if estimator.n_epochs == "auto":  # resolved once, from the true lengths
        epochs = auto_epochs([len(s) for s in X_train], estimator.batch_size)
        estimator.set_params(n_epochs=epochs)
    if way == "per_sample":
        estimator.set_params(n_epochs=min(PER_SAMPLE_EPOCHS, estimator.n_epochs))
    lengths = {"train": [len(s) for s in X_train], "test": [len(s) for s in X_test]}
    start = time.perf_counter()  # presenting the training series counts
    X_fit, X_scored, params = present(way, X_train, [X_test])
    estimator.set_params(**params)
    estimator.fit(X_fit, y_train)
    fit_seconds = time.perf_counter() - start
    result = {
        "epochs": int(estimator.n_epochs_),
        "steady_epoch_seconds": steady_epoch_seconds(estimator.epoch_seconds_),
        "fit_seconds": fit_seconds,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "accuracy": None,
    }
    if way == "per_sample":
        return result  # speed only: not trained to the end
    correct = np.asarray(estimator.predict(X_scored)) == y_test
    result["accuracy"] = float(correct.mean())
    if run.split == "shorter_half":
        test = np.array(lengths["test"])
        low, high = min(lengths["train"]), max(lengths["train"])
        for name, chosen in (
            ("shorter", test < low),
            ("within", (test >= low) & (test <= high)),
            ("longer", test > high),
        ):
            result[f"n_{name}"] = int(chosen.sum())
            result[f"accuracy_{name}"] = (
                float(correct[chosen].mean()) if chosen.any() else None
            )
    return result


# --- the tables ------------------------------------------------------------
def _grid_rows(rows):
    return [r for r in rows if r.get("split", "test") == "test"]


def summarize(rows):
    """Per network and way over the data sets: the figures of the summary.

    Returns ``{(network, way): {...}}`` with ``mean_accuracy`` and
    ``mean_rank`` (ranks among the network's ways per data set, 1 best,
    ties shared, over the data sets every way ran on), ``fit_ratio`` and
    ``epoch_ratio`` (total fit seconds and mean steady seconds per epoch over
    true length's, same data sets) and ``peak_mb`` (mean).
    """
    rows = _grid_rows(rows)
    cells = {}
    for row in rows:
        cells.setdefault((row["dataset"], row["method"]), []).append(row)
    mean = {
        key: {
            name: mean_of_all([r.get(name) for r in group])
            for name in ("accuracy", "fit_seconds", "steady_epoch_seconds", "peak_mb")
        }
        for key, group in cells.items()
    }
    summary = {}
    for network in NETWORKS:
        ways = [
            w
            for w in (*WAYS, "per_sample")
            if any(k[1] == f"{network}:{w}" for k in mean)
        ]
        datasets = sorted(
            {d for d, m in mean if m.startswith(network + ":")}
            & {d for d, m in mean if m == f"{network}:{REFERENCE}"}
        )
        scored = [w for w in ways if w != "per_sample"]
        complete = [
            d for d in datasets if all((d, f"{network}:{w}") in mean for w in scored)
        ]
        ranked = {w: [] for w in scored}
        for dataset in complete:
            scores = np.array(
                [mean[dataset, f"{network}:{w}"]["accuracy"] for w in scored]
            )
            for way, rank in zip(scored, ranks(scores), strict=True):
                ranked[way].append(rank)
        for way in ways:
            method = f"{network}:{way}"
            shared = [d for d in datasets if (d, method) in mean]
            reference = [mean[d, f"{network}:{REFERENCE}"] for d in shared]
            own = [mean[d, method] for d in shared]
            summary[network, way] = {
                "mean_accuracy": mean_of_all([c["accuracy"] for c in own])
                if way != "per_sample"
                else None,
                "mean_rank": mean_of_all(ranked.get(way, []))
                if way != "per_sample"
                else None,
                "fit_ratio": _ratio(
                    sum(c["fit_seconds"] for c in own),
                    sum(c["fit_seconds"] for c in reference),
                ),
                "epoch_ratio": _ratio(
                    mean_of_all([c["steady_epoch_seconds"] for c in own]),
                    mean_of_all([c["steady_epoch_seconds"] for c in reference]),
                ),
                "mean_fit_seconds": mean_of_all([c["fit_seconds"] for c in own]),
                "peak_mb": mean_of_all([c["peak_mb"] for c in own]),
                "datasets": len(shared),
            }
    return summary


def compare_with_true_length(rows, network, way):
    """Wins, ties and losses of true length against ``way``, and Wilcoxon's p.

    Pairs are (data set, seed) runs of ``network`` where both ran; a win is
    a higher test accuracy for true length. The p-value is scipy's two-sided
    paired Wilcoxon signed-rank test on the accuracies (``nan`` with fewer
    than two pairs that differ).

    Examples
    --------
    >>> rows = [
    ...     {"dataset": d, "seed": 0, "method": m, "accuracy": a}
    ...     for d, m, a in [("x", "n:true_length", 0.9), ("x", "n:pad_after", 0.8),
    ...                     ("y", "n:true_length", 0.7), ("y", "n:pad_after", 0.7)]
    ... ]
    >>> compare_with_true_length(rows, "n", "pad_after")[:3]
    (1, 1, 0)
    """
    from scipy.stats import wilcoxon

    accuracy = {
        (r["dataset"], r["seed"], r["method"]): r["accuracy"]
        for r in _grid_rows(rows)
        if r.get("accuracy") is not None
    }
    pairs = [
        (value, accuracy[d, s, f"{network}:{way}"])
        for (d, s, m), value in accuracy.items()
        if m == f"{network}:{REFERENCE}" and (d, s, f"{network}:{way}") in accuracy
    ]
    differences = np.array([a - b for a, b in pairs])
    wins = int((differences > 1e-12).sum())
    losses = int((differences < -1e-12).sum())
    ties = len(differences) - wins - losses
    if wins + losses < 2:
        return wins, ties, losses, float("nan")
    return (
        wins,
        ties,
        losses,
        float(wilcoxon([a for a, _ in pairs], [b for _, b in pairs]).pvalue),
    )


def _ratio(own, reference) -> float:
    return own / reference if reference and np.isfinite(reference) else np.nan


SUMMARY_COLUMNS = [
    Column("network", "network", lambda name: NETWORKS[name]),
    Column("way", "way"),
    Column("mean_accuracy", "mean accuracy", "{:.4f}", right=True),
    Column("mean_rank", "mean rank", "{:.2f}", right=True),
    Column("record", "true length: wins / ties / losses", right=True),
    Column("p", "Wilcoxon p", "{:.3g}", right=True),
    Column("fit_ratio", "fit time / true length's", "{:.2f}x", right=True),
    Column("epoch_ratio", "s/epoch / true length's", "{:.2f}x", right=True),
    Column("peak_mb", "peak MB", "{:.0f}", right=True),
    Column("datasets", "sets", right=True),
]
COLUMNS = [
    Column("dataset", "data set"),
    Column("method", "network:way"),
    Column("accuracy", "accuracy", "{:.4f}", spread=True, right=True),
    Column("fit_seconds", "fit s", "{:.1f}", spread=True, right=True),
    Column("steady_epoch_seconds", "s/epoch after the first", "{:.3f}", right=True),
    Column("epochs", "epochs", "{:.0f}", right=True),
    Column("peak_mb", "peak MB", "{:.0f}", right=True),
    Column("runs", "seeds", right=True),
]
OUTSIDE_COLUMNS = [
    Column("dataset", "data set"),
    Column("method", "network:way"),
    Column("accuracy", "all test series", "{:.4f}", spread=True, right=True),
    Column(
        "accuracy_shorter", "shorter than training", "{:.4f}", spread=True, right=True
    ),
    Column("accuracy_within", "within", "{:.4f}", spread=True, right=True),
    Column(
        "accuracy_longer", "longer than training", "{:.4f}", spread=True, right=True
    ),
    Column("n_within", "series within", "{:.0f}", right=True),
    Column("runs", "seeds", right=True),
]


def table(rows) -> str:
    """Markdown: the summary per network and way, every cell, outside training."""
    summary = []
    for (network, way), values in summarize(rows).items():
        entry = {"network": network, "way": way, **values}
        if way not in (REFERENCE, "per_sample"):
            wins, ties, losses, p = compare_with_true_length(rows, network, way)
            entry.update(record=f"{wins} / {ties} / {losses}", p=p)
        summary.append(entry)
    seeds = sorted({r["seed"] for r in rows})
    outside = [r for r in rows if r.get("split") == "shorter_half"]
    text = (
        format_table(summary, SUMMARY_COLUMNS)
        + "\n\nPer network, over the data sets: mean test accuracy and mean rank "
        "among the network's ways (1 best); true length against each way over "
        "data sets x seeds (a win: true length more accurate) with the paired "
        "two-sided Wilcoxon signed-rank p; total fit time and mean steady "
        "seconds per epoch (median epoch after the first) over true length's. "
        f"per_sample: {PER_SAMPLE_EPOCHS} epochs at batch size 1, speed only.\n\n"
        + format_table(_grid_rows(rows), COLUMNS, by=("dataset", "method"))
        + f"\n\nTest accuracy and fit s (the whole fit), mean ± std over seeds {seeds}."
    )
    if outside:
        text += (
            "\n\n"
            + format_table(outside, OUTSIDE_COLUMNS, by=("dataset", "method"))
            + "\n\nTrained on the shorter half of the training series; test "
            "accuracy on every test series, and apart on those shorter than "
            "every training series, within their lengths, and longer."
        )
    return text + " " + machine_note()


def plot(rows, path) -> None:
    """Mean accuracy against mean fit seconds: one point per network and way.

    A colour per network, a marker per way.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(10, 5))
    markers = dict(zip(WAYS, "o^vs*D", strict=True))
    colors = {name: f"C{i}" for i, name in enumerate(NETWORKS)}  # one per network
    for (network, way), values in summarize(rows).items():
        if way == "per_sample" or not np.isfinite(values["mean_accuracy"]):
            continue
        ax.scatter(
            values["mean_fit_seconds"],
            values["mean_accuracy"],
            marker=markers[way],
            color=colors[network],
            s=50,
            label=f"{NETWORKS[network]}, {way}",
        )
    ax.set_xscale("log")
    ax.set_xlabel("mean fit time over the data sets (s, log scale)")
    ax.set_ylabel("mean test accuracy over the data sets")
    ax.grid(alpha=0.3)
    if ax.collections:  # beside the axes, where it hides no point
        ax.legend(fontsize=7, loc="center left", bbox_to_anchor=(1.02, 0.5))
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
