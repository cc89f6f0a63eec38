"""The one-class anomaly benchmark runs end to end in quick mode."""

import numpy as np

from sktime_varlstm.benchmarks.anomaly import (
    LSTM_METHOD,
    format_table,
    pad_and_flatten,
    run_anomaly_benchmark,
    validation_split,
)

BASELINES = {
    f"{model} ({padding}-padded)"
    for model in ("IsolationForest", "OneClassSVM")
    for padding in ("zero", "edge")
}
# the LSTM rescales each PLAID series on its own: so do extra baselines there
NORMALISED_BASELINES = {
    name.replace(")", ", series z-normalized)") for name in BASELINES
}
EXPECTED_METHODS = {
    "japanese_vowels": BASELINES | {LSTM_METHOD},
    "plaid": BASELINES | NORMALISED_BASELINES | {LSTM_METHOD},
}


def test_quick_benchmark_rows_and_table():
    rows = run_anomaly_benchmark(quick=True)
    assert [row["dataset"] for row in rows] == ["japanese_vowels"] * 5 + ["plaid"] * 9
    for dataset, expected in EXPECTED_METHODS.items():
        methods = [row["method"] for row in rows if row["dataset"] == dataset]
        assert methods[0] == LSTM_METHOD and set(methods) == expected
    for row in rows:
        assert set(row) == {
            "dataset",
            "method",
            "mean_auroc",
            "n_classes",
            "fit_seconds",
        }
        assert 0 <= row["mean_auroc"] <= 1
        assert row["n_classes"] == 2
        assert row["fit_seconds"] > 0

    lines = format_table(rows).splitlines()
    assert len(lines) == 2 + len(rows)
    assert all(line.startswith("|") and line.endswith("|") for line in lines)
    assert {line.count("|") for line in lines} == {6}


def test_pad_and_flatten_pads_short_and_truncates_long_series():
    series = [np.ones((2, 2)), np.arange(10.0).reshape(5, 2)]
    zero = pad_and_flatten(series, 3, "zero")
    np.testing.assert_array_equal(zero[0], [1, 1, 1, 1, 0, 0])
    np.testing.assert_array_equal(zero[1], [0, 1, 2, 3, 4, 5])
    edge = pad_and_flatten(series, 3, "edge")
    np.testing.assert_array_equal(edge[0], [1, 1, 1, 1, 1, 1])


def test_validation_mode_never_loads_the_test_split(monkeypatch):
    from sktime_varlstm.benchmarks import anomaly as _anomaly_benchmark

    loaded = []
    real_load = _anomaly_benchmark.load_unequal_length_panel

    def recording_load(name, split):
        loaded.append(split)
        return real_load(name, split)

    monkeypatch.setattr(_anomaly_benchmark, "load_unequal_length_panel", recording_load)
    rows = run_anomaly_benchmark(
        quick=True, datasets=["japanese_vowels"], validation=True
    )
    assert loaded == ["train"]
    assert {row["method"] for row in rows} == EXPECTED_METHODS["japanese_vowels"]


def test_validation_split_holds_out_a_third_of_every_class():
    X = [np.full((3, 1), i, dtype=float) for i in range(30)]
    y = np.repeat(["a", "b", "c"], 10)
    X_fit, y_fit, X_val, y_val = validation_split(X, y)
    assert [np.sum(y_val == c) for c in "abc"] == [3, 3, 3]
    assert len(X_fit) == len(y_fit) == 21
    seen = sorted(int(s[0, 0]) for s in X_fit + X_val)
    assert seen == list(range(30))  # every series exactly once
