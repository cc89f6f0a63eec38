"""Shared tiny data and estimators: every test here should take seconds.

``CASES`` lists every estimator of the package with tiny parameters and a data
maker of its kind; the topic files (errors, persistence, verbose,
reproducibility, variable length and input formats, scikit-learn
compatibility) run over all of them through the ``case`` and ``fitted_case``
fixtures. A case's ``input_kind`` says what ``X`` is: a panel of series of
unequal length, or one long series (``LSTMSeriesDetector``); a topic test that
does not apply to a kind skips it with ``skip_unless_panel`` and says why.

The tests run with the library's own settings: a test that needs another sets
it in a fixture (``monkeypatch``) that puts it back.
"""

import json
import os
import subprocess
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

from collections.abc import Callable
from dataclasses import dataclass

import keras
import numpy as np
import pandas as pd
import pytest
from sktime.datatypes import convert_to


# --- where the time goes: ``pytest --count-traces`` -------------------------
def pytest_addoption(parser):
    parser.addoption(
        "--count-traces",
        action="store_true",
        help="count the TensorFlow graphs each test traces; print the largest",
    )


_TRACES = {}


@pytest.fixture(autouse=True)
def _count_traces(request):
    """With ``--count-traces``, count new concrete functions (graph traces)."""
    if not request.config.getoption("--count-traces"):
        yield
        return
    from tensorflow.python.eager.polymorphic_function import tracing_compilation

    original = tracing_compilation._create_concrete_function
    count = [0]

    def counting(*args, **kwargs):
        count[0] += 1
        return original(*args, **kwargs)

    tracing_compilation._create_concrete_function = counting
    try:
        yield
    finally:
        tracing_compilation._create_concrete_function = original
        _TRACES[request.node.nodeid] = count[0]


def pytest_collection_modifyitems(config, items):
    """Slow tests first (a stable sort), then the rest estimator by estimator.

    With ``-n 2`` a test of a minute or two that starts last leaves the other
    core idle for that long; started first, the short tests fill in around it.
    """
    items.sort(key=_slow_then_by_estimator)


def _slow_then_by_estimator(item):
    """Slow tests first; then one estimator's tests after another.

    The trainer pool keeps the traced networks of a few architectures (8 by
    default). The topic tests run over every estimator of ``CASES``: taken
    file by file they cycle through more architectures than the pool holds,
    and every fit traces its network anew; taken estimator by estimator,
    most fits reuse a traced network, as refits of one estimator do.
    """
    # only the topic tests: sorting sktime's and scikit-learn's checks by
    # estimator too would alternate their modules, and each switch ends one
    # module's every_architecture_kept (the pool shrinks back to 8)
    callspec = getattr(item, "callspec", None)
    params = callspec.params if callspec else {}
    name = params.get("case") or params.get("fitted_case")
    order = list(CASES).index(name) if name in CASES else -1
    return (item.get_closest_marker("slow") is None, order)


def pytest_terminal_summary(terminalreporter, config):
    if config.getoption("--count-traces") and _TRACES:
        terminalreporter.section("graph traces per test (largest 30)")
        ranked = sorted(_TRACES.items(), key=lambda item: -item[1])
        for nodeid, count in ranked[:30]:
            terminalreporter.write_line(f"{count:5d}  {nodeid}")
        terminalreporter.write_line(f"{sum(_TRACES.values()):5d}  in all")


# --- data makers -------------------------------------------------------------
def make_unequal_panel(n_series=24, n_channels=2, min_len=5, max_len=20, seed=0):
    """Two classes of noisy sines (slow vs fast) with lengths in a range."""
    rng = np.random.default_rng(seed)
    X, y = [], []
    for i in range(n_series):
        label = i % 2
        length = int(rng.integers(min_len, max_len + 1))
        t = np.arange(length)[:, None]
        freq = 0.2 if label == 0 else 1.2
        phase = rng.uniform(0, np.pi, size=n_channels)
        series = np.sin(freq * t + phase) + 0.1 * rng.normal(size=(length, n_channels))
        X.append(series.astype("float32"))
        y.append("slow" if label == 0 else "fast")
    return X, np.array(y)


def make_regression_panel(n_series=24, n_channels=2, min_len=5, max_len=20, seed=0):
    """Noisy sines of unequal length; the target is each sine's frequency."""
    rng = np.random.default_rng(seed)
    X, y = [], []
    for _ in range(n_series):
        length = int(rng.integers(min_len, max_len + 1))
        freq = rng.uniform(0.2, 1.2)
        t = np.arange(length)[:, None]
        phase = rng.uniform(0, np.pi, size=n_channels)
        series = np.sin(freq * t + phase) + 0.1 * rng.normal(size=(length, n_channels))
        X.append(series.astype("float32"))
        y.append(freq)
    return X, np.array(y)


FRAME_SHAPE = (1, 6, 6)


def make_clips(n_clips=16, lengths=(3, 9), frame_shape=FRAME_SHAPE, seed=0):
    """Two classes of clips: a bright or a dark frame, plus noise."""
    rng = np.random.default_rng(seed)
    clips, labels = [], []
    for i in range(n_clips):
        length = int(rng.integers(lengths[0], lengths[1] + 1))
        level = 1.0 if i % 2 else -1.0
        noise = 0.3 * rng.normal(size=(length, *frame_shape))
        clips.append((level + noise).astype("float32"))
        labels.append("bright" if i % 2 else "dark")
    return clips, np.array(labels)


def make_sines(n_series=40, n_channels=2, min_len=25, max_len=45, seed=0):
    """Noisy sines of one frequency, random phase, lengths in a range."""
    rng = np.random.default_rng(seed)
    series = []
    for _ in range(n_series):
        length = int(rng.integers(min_len, max_len + 1))
        t = np.arange(length)[:, None]
        phase = rng.uniform(0, 2 * np.pi, size=n_channels)
        noise = 0.05 * rng.normal(size=(length, n_channels))
        series.append((np.sin(0.6 * t + phase) + noise).astype("float32"))
    return series


def make_long_series(length=160, seed=0):
    """One long univariate noisy sine, as a ``(n_timepoints, 1)`` array."""
    rng = np.random.default_rng(seed)
    t = np.arange(length)[:, None]
    return (np.sin(0.3 * t) + 0.05 * rng.normal(size=(length, 1))).astype("float32")


def run_in_fresh_interpreter(code, timeout=300):
    """Run ``code`` in a new Python process; return the JSON of its last line."""
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def panel_formats(X):
    """The same series in every unequal-length container the estimators accept."""
    frames = [pd.DataFrame(s.reshape(len(s), -1)) for s in X]
    return {
        "list": X,
        "df-list": frames,
        "nested_univ": convert_to(frames, to_type="nested_univ"),
        "pd-multiindex": convert_to(frames, to_type="pd-multiindex"),
    }


def series_formats(X):
    """One univariate series in every single-series container the detectors accept."""
    index = pd.date_range("2024-01-01", periods=len(X), freq="min")
    return {
        "2-D ndarray": X,
        "1-D ndarray": X[:, 0],
        "pd.Series": pd.Series(X[:, 0]),
        "pd.DataFrame": pd.DataFrame(X),
        "pd.DataFrame with a time index": pd.DataFrame(X, index=index),
    }


class FailOnSecondFit(keras.callbacks.Callback):
    """A callback whose second training run fails: a failure inside fit."""

    def __init__(self):
        super().__init__()
        self.fits = 0

    def on_train_begin(self, logs=None):
        self.fits += 1
        if self.fits > 1:
            raise RuntimeError("training failed")


# --- every estimator, tiny ---------------------------------------------------
TINY = {
    "units": (4,),
    "dense_units": (4,),
    "n_epochs": 2,
    "batch_size": 4,
    "random_state": 0,
}


@dataclass(frozen=True)
class Case:
    """One estimator with tiny parameters and data of its kind."""

    estimator: str  # class name in sktime_varlstm
    params: dict
    make_data: Callable  # () -> (list of series, labels or None)
    scores: str  # the method whose numbers tell two fits apart
    predict_methods: tuple  # every method that takes X after fit
    panel_params: dict = None  # what reading X from an sktime panel needs
    input_kind: str = "panel"  # or "series": X is one long series, not a panel

    @property
    def is_regressor(self):
        return self.estimator.endswith("Regressor")

    def make(self, **changes):
        import sktime_varlstm

        return getattr(sktime_varlstm, self.estimator)(**{**self.params, **changes})

    def fit(self, estimator, X, y):
        return estimator.fit(X) if y is None else estimator.fit(X, y)

    def score(self, estimator, X):
        numbers = getattr(estimator, self.scores)(X)
        if isinstance(numbers, list):  # one (T_i, ...) array per series:
            numbers = [rows[-1] for rows in numbers]  # after its last step
        return np.asarray(numbers)

    def formats(self, X):
        """``X`` in every container of its kind, by name."""
        return panel_formats(X) if self.input_kind == "panel" else series_formats(X)


def skip_unless_panel(case, why):
    """Skip a test that needs a panel for a case that takes one series."""
    if case.input_kind != "panel":
        pytest.skip(f"{case.estimator} takes one series: {why}")


def all_estimators():
    """Every estimator the package exports, in the order of ``__all__``."""
    import sktime_varlstm

    exported = [getattr(sktime_varlstm, name) for name in sktime_varlstm.__all__]
    return [
        obj
        for obj in exported
        if isinstance(obj, type) and hasattr(obj, "fit") and hasattr(obj, "get_params")
    ]


CLASSIFIER_METHODS = ("predict", "predict_proba")
CASES = {
    "LSTMClassifier": Case(
        "LSTMClassifier",
        TINY,
        make_unequal_panel,
        "predict_proba",
        CLASSIFIER_METHODS,
    ),
    "LSTMFCNClassifier": Case(
        "LSTMFCNClassifier",
        {**TINY, "filters": (4, 4), "kernel_sizes": (3, 5)},
        make_unequal_panel,
        "predict_proba",
        CLASSIFIER_METHODS,
    ),
    "DilatedConvClassifier": Case(
        "DilatedConvClassifier",
        {
            "filters": 4,
            "dilations": (1, 2),
            "n_epochs": 2,
            "batch_size": 4,
            "random_state": 0,
        },
        make_unequal_panel,
        "predict_proba",
        CLASSIFIER_METHODS,
    ),
    "ConvLSTMClassifier": Case(
        "ConvLSTMClassifier",
        {
            "filters": (2,),
            "dense_units": (3,),
            "n_epochs": 2,
            "batch_size": 4,
            "random_state": 0,
        },
        make_clips,
        "predict_proba",
        CLASSIFIER_METHODS,
        panel_params={"frame_shape": FRAME_SHAPE},  # panels hold flattened frames
    ),
    "LSTMAnomalyDetector": Case(
        "LSTMAnomalyDetector",
        {"units": (4,), "n_epochs": 2, "batch_size": 8, "random_state": 0},
        lambda: (make_sines(), None),
        "score_samples",
        ("predict", "score_samples", "decision_function", "score_timepoints"),
    ),
    "LSTMSeriesDetector": Case(
        "LSTMSeriesDetector",
        {
            "window_length": 10,
            "units": (4,),
            "n_epochs": 2,
            "batch_size": 8,
            "random_state": 0,
        },
        lambda: (make_long_series(), None),
        "transform_scores",
        ("predict", "transform", "transform_scores", "predict_scores"),
        input_kind="series",
    ),
    "DilatedConvRegressor": Case(
        "DilatedConvRegressor",
        {
            "filters": 4,
            "dilations": (1, 2),
            "n_epochs": 2,
            "batch_size": 4,
            "random_state": 0,
        },
        make_regression_panel,
        "predict",
        ("predict",),
    ),
    "LSTMRegressor": Case(
        "LSTMRegressor",
        TINY,
        make_regression_panel,
        "predict",
        ("predict",),
    ),
    # predict and predict_proba return (outputs, decided): the topic tests
    # use the per-step probabilities, test_early_classification the rest;
    # a float threshold: one training run per fit, as the others
    "LSTMEarlyClassifier": Case(
        "LSTMEarlyClassifier",
        {**TINY, "threshold": 0.9},
        make_unequal_panel,
        "predict_proba_per_step",
        ("predict_proba_per_step",),
    ),
    "DilatedConvEarlyClassifier": Case(
        "DilatedConvEarlyClassifier",
        {
            "filters": 4,
            "kernel_size": 3,
            "dilations": (1, 2),
            "n_epochs": 2,
            "batch_size": 4,
            "random_state": 0,
            "threshold": 0.9,
        },
        make_unequal_panel,
        "predict_proba_per_step",
        ("predict_proba_per_step",),
    ),
}


@pytest.fixture(params=list(CASES))
def case(request):
    return CASES[request.param]


@pytest.fixture(scope="session")
def _fitted_cache():
    return {}


@pytest.fixture
def fitted_case(case, _fitted_cache):
    """``(case, fitted estimator, X, y)``, one fit per estimator and worker.

    Tests may call methods that fail and must leave it as it was, but must
    not change it otherwise.
    """
    if case.estimator not in _fitted_cache:
        X, y = case.make_data()
        _fitted_cache[case.estimator] = (case.fit(case.make(), X, y), X, y)
    return (case, *_fitted_cache[case.estimator])


@pytest.fixture
def panel():
    return make_unequal_panel()


@pytest.fixture
def tiny_params():
    return dict(TINY)


@pytest.fixture(scope="session")
def fitted_classifier():
    """One fitted classifier shared by read-only tests."""
    from sktime_varlstm import LSTMClassifier

    X, y = make_unequal_panel()
    return LSTMClassifier(**TINY).fit(X, y), X, y


@pytest.fixture(scope="module")
def every_architecture_kept():
    """Keep the traced trainers of every architecture while a module runs.

    sktime's and scikit-learn's check suites fit each estimator's tiny
    parameter sets hundreds of times, a few dozen architectures in all. With
    the library's defaults (8 architectures kept, TensorFlow's kernel cache
    emptied every 100 fits) most of those fits would trace their network
    anew; the numbers are the same either way, only the time differs. The
    settings are put back when the module ends.
    """
    from sktime_varlstm import set_trainer_pool_size
    from sktime_varlstm.training import _graph_memory, trainer_pool

    kept, every = trainer_pool().max_size, _graph_memory.FITS_PER_KERNEL_CACHE_CLEAR
    set_trainer_pool_size(64)
    _graph_memory.FITS_PER_KERNEL_CACHE_CLEAR = 1000
    yield
    set_trainer_pool_size(kept)
    _graph_memory.FITS_PER_KERNEL_CACHE_CLEAR = every
