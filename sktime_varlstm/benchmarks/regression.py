"""``varlstm benchmark --task regression``: the package's regressors beside their peers.

Every method trains on the training split of every regression data set
(:data:`sktime_varlstm.datasets.REGRESSION_SETS`: Covid3Month cut to its
last days, Tecator, a noisy sine's frequency, a damped oscillation's decay
rate) once per seed and is scored once on the test split, each fit in a
fresh process. Methods:

``dilated_conv``, ``lstm``
    The package's :class:`~sktime_varlstm.DilatedConvRegressor` and
    :class:`~sktime_varlstm.LSTMRegressor` with their defaults
    (``random_state=seed``), on the series as they come.
``minirocket`` (the peer)
    sktime's ``MiniRocketMultivariateVariable(random_state=seed)``, its
    features standardized, into scikit-learn's
    ``RidgeCV(alphas=np.logspace(-3, 3, 10))`` (:class:`MiniRocketRidgeCV`;
    chained by hand: scikit-learn 1.9's ``Pipeline`` breaks sktime
    transformers, see :class:`~sktime_varlstm.benchmarks.peers.MiniRocketRidge`).
``fcn_padded``
    sktime's ``FCNRegressor`` for :data:`FCN_EPOCHS` epochs (sktime's
    default, 2000, takes hours here) on series zero-padded at their end to
    the longest training series, as ``numpy3D`` (a longer test series keeps
    its first steps). If sktime's dependency check refuses this TensorFlow,
    the run records the reason in the table's note instead of figures.
``knn_dtw``
    sktime's ``KNeighborsTimeSeriesRegressor`` (1 neighbour) with DTW on
    at most :data:`KNN_MAX_TRAIN` training series (a seeded subsample; the
    table's "train series" column says how many). sktime's ``distance="dtw"``
    refuses unequal lengths and its numba DTW on unequal series takes ~0.3 s
    a pair here, so the distance is :func:`dtw_matrix`: full-window DTW
    (squared Euclidean cost, numba), a callable sktime's regressor accepts.
``mean``
    Predicts the mean of the training targets: the baseline, R² about 0.

Reported per run: the test RMSE and R², the total fit seconds (preparing
the training series included) and the predict seconds. The table gives
their mean ± standard deviation over the seeds per data set and method,
each method's mean RMSE over the peer's on the set, then a summary per
method: that ratio averaged over the sets (and the sets where it is above
1), the mean R², and the total fit seconds and their ratio to the peer's.
"""

from __future__ import annotations

import functools
import time
import warnings

import numpy as np

from ..data import to_series_list
from ..datasets import REGRESSION_SETS, load_regression_panel
from ._record import Run, grid
from ._report import Column, format_table, machine_note, mean_of_all
from .peers import warm_up_minirocket

__all__ = [
    "DATASETS",
    "METHODS",
    "SEEDS",
    "MiniRocketRidgeCV",
    "dtw_matrix",
    "holdout_split",
    "make_method",
    "measure",
    "plot",
    "runs",
    "summarize",
    "table",
    "warm_up",
]

FRESH_PROCESSES = True
DATASETS = REGRESSION_SETS
SEEDS = (0, 1, 2)
LABELS = {
    "dilated_conv": "DilatedConvRegressor",
    "lstm": "LSTMRegressor",
    "minirocket": "MiniRocket + RidgeCV",
    "fcn_padded": "sktime FCNRegressor, padded",
    "knn_dtw": "sktime 1-NN DTW",
    "mean": "mean (baseline)",
}
METHODS = tuple(LABELS)
PEER = "minirocket"  # RMSE and fit time are compared with its

FCN_EPOCHS = 100
# 1-NN DTW compares every test series with every training series kept
KNN_MAX_TRAIN = 200

# --quick: a few series of each split and tiny models, a smoke run
QUICK_SERIES = 24
_QUICK_PARAMS = {
    "dilated_conv": {"filters": 4, "dilations": (1, 2), "n_epochs": 1},
    "lstm": {"units": (4,), "dense_units": (4,), "n_epochs": 1},
    "minirocket": {"num_kernels": 84},
    "fcn_padded": {"n_epochs": 1},
    "knn_dtw": {},
    "mean": {},
}


# --holdout: the part of each training split scored instead of the test split
HOLDOUT_FRACTION = 0.3


def runs(
    datasets=None, methods=None, seeds=None, quick=False, params=None, split="test"
) -> list[Run]:
    """Every (data set, method, seed) of the regression benchmark, data set first.

    ``params`` go to every method; ``split="holdout"`` fits on part of each
    training split and scores on the rest (:data:`HOLDOUT_FRACTION`), which
    is how the regressors' defaults are chosen.
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


warm_up = warm_up_minirocket


def _subset(X, y, size, seed=0):
    """``size`` series picked at random (seeded), in their original order."""
    if len(X) <= size:
        return X, y
    chosen = np.sort(np.random.default_rng(seed).choice(len(X), size, replace=False))
    return [X[i] for i in chosen], y[chosen]


def measure(run: Run) -> dict:
    """Fit ``run``'s method on the training split, score it on the test split."""
    from sklearn.metrics import r2_score

    X_train, y_train = load_regression_panel(run.dataset, "train")
    if run.split == "holdout":
        X_train, y_train, X_test, y_test = holdout_split(X_train, y_train)
    else:
        X_test, y_test = load_regression_panel(run.dataset, "test")
    if run.quick:
        X_train, y_train = _subset(X_train, y_train, QUICK_SERIES)
        X_test, y_test = _subset(X_test, y_test, QUICK_SERIES)
    if run.method == "knn_dtw":
        X_train, y_train = _subset(X_train, y_train, KNN_MAX_TRAIN, run.seed)
    longest = max(len(s) for s in X_train)  # the padded peer's length
    try:
        estimator, prepare = make_method(run.method, run.seed, longest, **run.params)
        start = time.perf_counter()  # preparing the training series counts
        estimator.fit(prepare(X_train), y_train)
        fit_seconds = time.perf_counter() - start
    except ImportError as error:  # sktime's dependency check (ModuleNotFoundError)
        if run.method != "fcn_padded":
            raise
        return {
            "n_train": len(X_train),
            "rmse": None,
            "r2": None,
            "fit_seconds": None,
            "predict_seconds": None,
            "note": f"refused by sktime: {error}",
        }
    start = time.perf_counter()
    predicted = np.asarray(estimator.predict(prepare(X_test)), dtype="float64")
    predict_seconds = time.perf_counter() - start
    predicted = predicted.reshape(len(y_test))
    return {
        "n_train": len(X_train),
        "rmse": float(np.sqrt(np.mean((predicted - y_test) ** 2))),
        "r2": float(r2_score(y_test, predicted)),
        "fit_seconds": fit_seconds,
        "predict_seconds": predict_seconds,
        "epochs": int(getattr(estimator, "n_epochs_", 0)) or None,
        "note": "",
    }


def holdout_split(X, y, fraction=HOLDOUT_FRACTION):
    """``(X_fit, y_fit, X_held, y_held)``: ``fraction`` of the series held out.

    The same series are held out for every method and seed (a permutation
    seeded with 0), so seeds vary the methods only.

    Examples
    --------
    >>> X, y = [np.zeros((3, 1))] * 10, np.arange(10.0)
    >>> [len(part) for part in holdout_split(X, y)]
    [7, 7, 3, 3]
    """
    order = np.random.default_rng(0).permutation(len(X))
    n_held = int(round(fraction * len(X)))
    held, kept = np.sort(order[:n_held]), np.sort(order[n_held:])
    y = np.asarray(y)
    return [X[i] for i in kept], y[kept], [X[i] for i in held], y[held]


def make_method(method, seed, longest, **params):
    """An unfitted regressor and how every panel it sees is prepared.

    ``prepare`` treats each series on its own (it learns nothing from the
    training split); ``longest`` is the length the padded peer pads to.
    """
    if method == "dilated_conv":
        from .. import DilatedConvRegressor

        return DilatedConvRegressor(**params, random_state=seed), _unchanged
    if method == "lstm":
        from .. import LSTMRegressor

        return LSTMRegressor(**params, random_state=seed), _unchanged
    if method == "minirocket":
        return MiniRocketRidgeCV(**params, random_state=seed), _unchanged
    if method == "fcn_padded":
        from sktime.regression.deep_learning import FCNRegressor

        params = {"n_epochs": FCN_EPOCHS, **params}
        regressor = FCNRegressor(**params, random_state=seed, verbose=False)
        return regressor, functools.partial(_padded, length=longest)
    if method == "knn_dtw":
        from sktime.regression.distance_based import KNeighborsTimeSeriesRegressor

        from .peers import to_nested

        regressor = KNeighborsTimeSeriesRegressor(
            n_neighbors=1, distance=dtw_matrix, distance_mtype="nested_univ", **params
        )
        return regressor, to_nested
    if method == "mean":
        return _MeanRegressor(), _unchanged
    raise ValueError(f"unknown method {method!r}; choose from {METHODS}")


def _unchanged(series):
    return series


def _padded(series, length):
    """``numpy3D`` ``(n, C, length)``: zeros after each series' end (cut if longer)."""
    out = np.zeros((len(series), series[0].shape[1], length), dtype="float32")
    for i, s in enumerate(series):
        steps = min(len(s), length)
        out[i, :, :steps] = np.asarray(s[:steps]).T
    return out


class _MeanRegressor:
    """Predicts the mean of the training targets."""

    def fit(self, X, y):
        self.mean_ = float(np.mean(y))
        return self

    def predict(self, X):
        return np.full(len(X), self.mean_)


class MiniRocketRidgeCV:
    """``MiniRocketMultivariateVariable`` -> ``StandardScaler`` -> ``RidgeCV``.

    The peer a user with sktime would pick today for unequal-length panels:
    MiniRocket features, standardized, into a ridge regression whose penalty
    is chosen by leave-one-out cross-validation over
    ``np.logspace(-3, 3, 10)``. Takes lists of ``(T_i, C)`` arrays.

    Parameters
    ----------
    num_kernels : int, default=10000
        MiniRocket kernels (rounded down to a multiple of 84).
    random_state : int or None, default=None
        Seed of MiniRocket's biases.
    """

    def __init__(self, num_kernels=10000, random_state=None):
        self.num_kernels = num_kernels
        self.random_state = random_state

    def fit(self, X, y):
        """Fit on a list of ``(T_i, C)`` arrays and their targets."""
        from sklearn.linear_model import RidgeCV
        from sklearn.preprocessing import StandardScaler
        from sktime.transformations.panel.rocket import (
            MiniRocketMultivariateVariable,
        )

        self.rocket_ = MiniRocketMultivariateVariable(
            num_kernels=self.num_kernels, random_state=self.random_state
        )
        self.scaler_ = StandardScaler()
        features = self.scaler_.fit_transform(self._rocket(X, fit=True))
        self.ridge_ = RidgeCV(alphas=np.logspace(-3, 3, 10))
        self.ridge_.fit(features, np.asarray(y, dtype="float64"))
        return self

    def predict(self, X):
        """Predict a number for each series of ``X``."""
        return self.ridge_.predict(self.scaler_.transform(self._rocket(X)))

    def _rocket(self, X, fit=False):
        import pandas as pd

        frames = [pd.DataFrame(np.asarray(s, dtype="float64")) for s in X]
        with warnings.catch_warnings():
            # it suggests the univariate MiniRocket, which needs equal lengths
            warnings.filterwarnings("ignore", "X is univariate", UserWarning)
            if fit:
                return self.rocket_.fit_transform(frames)
            return self.rocket_.transform(frames)


@functools.cache
def _dtw():
    import numba

    @numba.njit(cache=False)
    def dtw(a, b):
        # full-window DTW of (T, C) and (U, C): the cheapest warping path's
        # sum of squared differences, one row of the cost matrix at a time
        m = b.shape[0]
        previous = np.full(m + 1, np.inf)
        previous[0] = 0.0
        for i in range(a.shape[0]):
            current = np.full(m + 1, np.inf)
            for j in range(m):
                cost = 0.0
                for c in range(a.shape[1]):
                    difference = a[i, c] - b[j, c]
                    cost += difference * difference
                current[j + 1] = cost + min(previous[j], previous[j + 1], current[j])
            previous = current
        return previous[m]

    return dtw


def dtw_matrix(X, X2=None):
    """DTW distances between the series of two panels (``X2=None``: ``X`` itself).

    ``X`` and ``X2`` are any panels :func:`~sktime_varlstm.data.to_series_list`
    reads; the distance is full-window DTW with a squared Euclidean cost
    over the channels (as sktime's ``"dtw"``), compiled with numba.

    Examples
    --------
    >>> a, b = np.array([[0.0], [1.0], [1.0]]), np.array([[0.0], [1.0]])
    >>> dtw_matrix([a, b], [b]).tolist()
    [[0.0], [0.0]]
    """
    dtw = _dtw()
    first = [np.asarray(s, dtype="float64") for s in to_series_list(X)]
    second = first if X2 is None else to_series_list(X2)
    second = [np.asarray(s, dtype="float64") for s in second]
    return np.array([[dtw(a, b) for b in second] for a in first])


# --- the table -----------------------------------------------------------
def summarize(rows):
    """Per data set and method the mean figures; per method the summary.

    Returns ``(cells, overall)``: ``cells[(dataset, method)]`` holds the mean
    ``rmse``, ``r2`` and ``fit_seconds`` over the seeds (NaN where a run has
    no figure) and ``rmse_ratio``, the mean RMSE over the peer's on that set;
    ``overall[method]`` holds ``rmse_ratio`` (averaged over the sets where
    both have a figure), ``above`` (the sets where it is above 1),
    ``mean_r2``, ``total_fit_seconds`` and ``fit_ratio`` (over the sets where
    both have a figure).
    """
    cells = {}
    for row in rows:
        cells.setdefault((row["dataset"], row["method"]), []).append(row)
    for key, group in cells.items():
        cells[key] = {
            name: mean_of_all([r.get(name) for r in group])
            for name in ("rmse", "r2", "fit_seconds")
        }
    for (dataset, _), cell in cells.items():
        peer = cells.get((dataset, PEER), {}).get("rmse", np.nan)
        cell["rmse_ratio"] = cell["rmse"] / peer if peer > 0 else np.nan
    methods = list(dict.fromkeys(r["method"] for r in rows))
    datasets = list(dict.fromkeys(r["dataset"] for r in rows))
    overall = {}
    for method in methods:
        mine = [(d, cells[d, method]) for d in datasets if (d, method) in cells]
        compared = [(d, c) for d, c in mine if np.isfinite(c["rmse_ratio"])]
        timed = [
            (c["fit_seconds"], cells[d, PEER]["fit_seconds"])
            for d, c in mine
            if (d, PEER) in cells
            and np.isfinite(c["fit_seconds"])
            and np.isfinite(cells[d, PEER]["fit_seconds"])
        ]
        own, peer = sum(t[0] for t in timed), sum(t[1] for t in timed)
        overall[method] = {
            "rmse_ratio": mean_of_all([c["rmse_ratio"] for _, c in compared]),
            "above": [d for d, c in compared if c["rmse_ratio"] > 1.0],
            "mean_r2": mean_of_all([c["r2"] for _, c in mine]),
            "total_fit_seconds": mean_of_all([c["fit_seconds"] for _, c in mine])
            * len(mine),
            "fit_ratio": own / peer if peer > 0 else np.nan,
        }
    return cells, overall


COLUMNS = [
    Column("dataset", "data set"),
    Column("method", "method", lambda method: LABELS.get(method, method)),
    Column("n_train", "train series", "{:.0f}", right=True),
    Column("rmse", "RMSE", "{:.4f}", spread=True, right=True),
    Column("r2", "R²", "{:.3f}", spread=True, right=True),
    Column("rmse_ratio", f"RMSE / {PEER}'s", "{:.2f}", right=True),
    Column("fit_seconds", "fit s", "{:.1f}", spread=True, right=True),
    Column("predict_seconds", "predict s", "{:.1f}", right=True),
    Column("runs", "seeds", right=True),
    Column("note", "note", lambda note: note or ""),
]
SUMMARY_COLUMNS = [
    Column("method", "method", lambda method: LABELS.get(method, method)),
    Column("rmse_ratio", f"mean RMSE / {PEER}'s", "{:.2f}", right=True),
    Column("above", "sets above 1", lambda sets: ", ".join(sets) or "none"),
    Column("mean_r2", "mean R²", "{:.3f}", right=True),
    Column("total_fit_seconds", "total fit s", "{:.1f}", right=True),
    Column("fit_ratio", f"fit time / {PEER}'s", "{:.1f}x", right=True),
]


def table(rows) -> str:
    """Markdown: RMSE, R² and fit s per data set and method, then the summary."""
    cells, overall = summarize(rows)
    rows = [
        {**row, "rmse_ratio": cells[row["dataset"], row["method"]]["rmse_ratio"]}
        for row in rows
    ]
    summary = [{"method": method, **values} for method, values in overall.items()]
    seeds = sorted({r["seed"] for r in rows})
    scored = (
        f"Held-out RMSE and R² ({HOLDOUT_FRACTION:.0%} of each training split)"
        if any(r.get("split") == "holdout" for r in rows)
        else "Test RMSE and R²"
    )
    return (
        format_table(rows, COLUMNS, by=("dataset", "method"))
        + "\n\n"
        + format_table(summary, SUMMARY_COLUMNS)
        + f"\n\n{scored}, mean ± std over seeds {seeds}; RMSE / "
        f"{PEER}'s: the mean RMSE over the peer's on the set (below 1: better), "
        "averaged over the sets in the summary. fit s: the whole fit, first "
        "epoch (which traces the graphs) included; total fit s sums the sets' "
        f"means, and the ratio to {PEER}'s compares the sets both ran on. "
        "train series: the training series the method saw (1-NN DTW: at most "
        f"{KNN_MAX_TRAIN}, a seeded subsample). " + machine_note()
    )


def plot(rows, path) -> None:
    """RMSE over the peer's against mean fit seconds: one point per method and set."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    cells, overall = summarize(rows)
    fig, ax = plt.subplots(figsize=(7, 5))
    for method in overall:
        keys = [k for k in cells if k[1] == method]
        points = [
            (k[0], cells[k]["fit_seconds"], cells[k]["rmse_ratio"])
            for k in keys
            if np.isfinite(cells[k]["fit_seconds"])
            and np.isfinite(cells[k]["rmse_ratio"])
        ]
        if not points:
            continue
        ax.scatter(
            [p[1] for p in points],
            [p[2] for p in points],
            s=40,
            label=LABELS.get(method, method),
        )
        for dataset, x, y in points:
            ax.annotate(
                dataset, (x, y), textcoords="offset points", xytext=(4, 3), fontsize=7
            )
    ax.axhline(1.0, color="grey", lw=0.8)
    ax.set_xscale("log")
    ax.set_xlabel("mean fit time (s, log scale)")
    ax.set_ylabel(f"test RMSE / {PEER}'s (below 1: better)")
    ax.grid(alpha=0.3)
    if ax.collections:  # without the peer's runs there is no ratio to draw
        ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
