"""The one-class anomaly benchmark: its runs, AUROCs and a quick run."""

import numpy as np

from sktime_varlstm.benchmarks.anomaly import (
    LSTM_METHOD,
    one_class_aurocs,
    pad_and_flatten,
    runs,
)
from sktime_varlstm.benchmarks.command import benchmark

BASELINES = [
    f"{model} ({padding}-padded)"
    for padding in ("zero", "edge")
    for model in ("IsolationForest", "OneClassSVM")
]
# the LSTM rescales each PLAID series on its own: so do extra baselines there
NORMALISED_BASELINES = [
    name.replace(")", ", series z-normalized)") for name in BASELINES
]


def test_runs_give_plaid_extra_baselines_on_rescaled_series():
    every = runs()
    assert [r.dataset for r in every] == ["japanese_vowels"] * 5 + ["plaid"] * 9
    plaid = [r for r in every if r.dataset == "plaid"]
    assert plaid[0].method == LSTM_METHOD
    assert plaid[0].params["normalize_each_series"] is True
    assert [r.params["normalize_each_series"] for r in plaid[1:]] == [False] * 4 + [
        True
    ] * 4
    # quick runs keep the data set's rescaling with a tiny network
    quick = runs(["plaid"], methods=[LSTM_METHOD], quick=True)[0].params
    assert quick["normalize_each_series"] is True and quick["n_epochs"] == 2


def test_quick_benchmark_rows_and_table(tmp_path):
    table = benchmark(
        "anomaly", datasets=["japanese_vowels"], quick=True, out=tmp_path, progress=None
    )
    lines = table.splitlines()
    methods = [line.split("|")[2].strip() for line in lines[2:7]]
    assert methods == [LSTM_METHOD, *BASELINES]
    assert all(line.split("|")[4].strip() == "2" for line in lines[2:7])  # classes
    # class 0 against class 1 of JapaneseVowels, 8 training series each: the
    # edge-padded baselines rank them (0.98-0.995 on the full data)
    edge = [float(line.split("|")[3]) for line in lines[4:7:2]]
    assert min(edge) > 0.7, table


def test_one_class_aurocs_of_a_known_scorer():
    rng = np.random.default_rng(0)
    X = [rng.normal(level, 0.1, size=(int(t), 1)) for level in (0, 5) for t in (4, 9)]
    y = np.array(["low", "low", "high", "high"])

    def near_the_normal_mean(series):
        mean = np.mean(np.concatenate(series))
        return lambda X: [-abs(s.mean() - mean) for s in X]

    aurocs, seconds = one_class_aurocs(near_the_normal_mean, X, y, X, y, ["low"])
    assert aurocs.tolist() == [1.0] and seconds >= 0

    def backwards(series):  # the anomalies scored as the most normal
        score = near_the_normal_mean(series)
        return lambda X: -np.asarray(score(X))

    assert one_class_aurocs(backwards, X, y, X, y, ["high"])[0].tolist() == [0.0]


def test_pad_and_flatten_pads_short_and_truncates_long_series():
    series = [np.ones((2, 2)), np.arange(10.0).reshape(5, 2)]
    zero = pad_and_flatten(series, 3, "zero")
    np.testing.assert_array_equal(zero[0], [1, 1, 1, 1, 0, 0])
    np.testing.assert_array_equal(zero[1], [0, 1, 2, 3, 4, 5])
    edge = pad_and_flatten(series, 3, "edge")
    np.testing.assert_array_equal(edge[0], [1, 1, 1, 1, 1, 1])


def test_baselines_on_rescaled_series_compare_shapes_only():
    from sktime_varlstm.benchmarks._record import Run
    from sktime_varlstm.benchmarks.anomaly import _fit_scorer

    rng = np.random.default_rng(0)
    steps = np.arange(30)[:, None]
    normal = [np.sin(steps / 3) + 0.05 * rng.normal(size=(30, 1)) for _ in range(20)]
    louder_same_shape, other_shape = 100 * normal[0], np.cos(steps / 3)

    def scores(each_series):
        params = {"padding": "edge", "normalize_each_series": each_series}
        score = _fit_scorer(Run("d", "OneClassSVM", 0, params))(normal)
        return score([louder_same_shape, other_shape, normal[1]])

    assert scores(True)[0] > scores(True)[1]  # the shape is what counts
    assert scores(False)[0] < scores(False)[2]  # the amplitude counts too
