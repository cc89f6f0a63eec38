"""The benchmark runs on a tiny setting; its figures are not checked here."""

import dataclasses

import numpy as np
import pytest

from sktime_varlstm.benchmarks.classification import (
    BEST,
    BEST_PREPROCESSING,
    _measure,
    benchmark_runs,
    held_out_validation,
)
from sktime_varlstm.benchmarks.preprocessing import resample, shape_and_log_amplitude
from sktime_varlstm.cli import main


def test_quick_benchmark_runs_every_batching_strategy():
    runs = benchmark_runs(["japanese_vowels"], quick=True)
    assert [run.key for run in runs] == [
        "per_sample",
        "bucket",
        "bucket_budget",
        "pad",
        "resampled",
    ]


@pytest.mark.slow  # one fresh interpreter per run: two of the five runs
def test_quick_classification_benchmark_writes_table_and_plot(tmp_path, capsys):
    argv = ["benchmark", "--quick", "--datasets", "japanese_vowels"]
    argv += ["--methods", "per_sample", "resampled", "--out", str(tmp_path)]
    assert main(argv) == 0
    table = (tmp_path / "classification.md").read_text()
    rows = [line for line in table.splitlines() if line.startswith("| japanese")]
    assert [row.split("|")[2].strip() for row in rows] == ["per_sample", "resampled"]
    for row in rows:
        accuracy = float(row.split("|")[7])
        assert 0 <= accuracy <= 1
    assert (tmp_path / "classification.png").stat().st_size > 1000
    assert "steady s/epoch" in capsys.readouterr().out


def test_full_benchmark_compares_like_with_like():
    runs = benchmark_runs()
    for dataset in ("japanese_vowels", "plaid"):
        strategies = [
            r for r in runs if r.dataset == dataset and "batching" in r.params
        ]
        assert {r.params["batching"] for r in strategies} == {
            "per_sample",
            "bucket",
            "pad",
        }
        budget = [r for r in strategies if r.key == "bucket_budget"]
        assert budget[0].params["max_timesteps_per_batch"] > 0
        # same network and epochs: only the batching differs
        assert len({r.params["n_epochs"] for r in strategies}) == 1
        assert any(r.peer for r in runs if r.dataset == dataset)


def test_resample_keeps_end_points():
    series = np.array([[0.0, 10.0], [1.0, 20.0], [4.0, 30.0]])
    out = resample(series, 5)
    assert out.shape == (5, 2)
    np.testing.assert_allclose(out[[0, -1]], series[[0, -1]])


def test_methods_select_runs_by_key():
    runs = benchmark_runs(["plaid"], methods=["bucket", "pad"])
    assert [r.key for r in runs] == ["bucket", "pad"]
    with pytest.raises(ValueError, match="unknown methods"):
        benchmark_runs(["plaid"], methods=["fastest"])


def test_accuracy_rows_use_their_documented_preprocessing():
    for dataset in ("japanese_vowels", "plaid"):
        (run,) = benchmark_runs([dataset], methods=["lstm_fcn"])
        assert run.params == BEST[dataset]
        assert run.preprocessing is BEST_PREPROCESSING[dataset]
    # a run's own preprocessing is the one its measurement applies
    (run,) = benchmark_runs(["plaid"], quick=True, methods=["bucket"])
    seen = []

    def shape_only(train, test):
        seen.append(len(train))
        return train, test

    row = _measure(dataclasses.replace(run, preprocessing=shape_only))
    assert seen == [24] and 0 <= row["accuracy"] <= 1


def test_vote_row_is_plaids_configuration_with_trees():
    (run,) = benchmark_runs(["plaid"], methods=["lstm_fcn_trees"])
    assert run.trees and run.params == BEST["plaid"]
    assert run.preprocessing is BEST_PREPROCESSING["plaid"]
    assert benchmark_runs(["japanese_vowels"], methods=["lstm_fcn_trees"]) == []
    # measured like the other rows, with the epochs of the vote's network
    (quick,) = benchmark_runs(["plaid"], quick=True, methods=["bucket"])
    row = _measure(
        dataclasses.replace(quick, trees=True, preprocessing=shape_and_log_amplitude)
    )
    assert row["epochs"] == quick.params["n_epochs"]
    assert np.isfinite(row["steady_epoch_seconds"])
    assert 0 <= row["accuracy"] <= 1


def test_held_out_validation_is_a_stratified_fifth_of_the_series():
    X = [np.full((t, 1), float(t)) for t in range(10, 60)]
    y = np.array(["a"] * 30 + ["b"] * 20)
    X_fit, y_fit, X_val, y_val = held_out_validation(X, y)
    assert (len(X_fit), len(X_val)) == (40, 10)
    assert sorted(y_val) == ["a"] * 6 + ["b"] * 4
    fit_lengths = {len(s) for s in X_fit}
    val_lengths = {len(s) for s in X_val}
    assert not fit_lengths & val_lengths
    assert fit_lengths | val_lengths == set(range(10, 60))
    # each series keeps its label
    for series, label in zip(X_val, y_val, strict=True):
        assert (series[0, 0] < 40) == (label == "a")


def test_validation_runs_never_load_the_test_split(monkeypatch):
    import sktime_varlstm.benchmarks.classification as benchmark

    load = benchmark.load_unequal_length_panel
    loaded = []

    def train_split_only(name, split):
        loaded.append(split)
        if split != "train":
            raise AssertionError("the test split was loaded")
        return load(name, split)

    monkeypatch.setattr(benchmark, "load_unequal_length_panel", train_split_only)
    (run,) = benchmark_runs(["japanese_vowels"], quick=True, methods=["bucket"])
    row = _measure(run, validation=True)
    assert loaded == ["train"] and 0 <= row["accuracy"] <= 1


def test_validation_flag_labels_the_table_and_plot(tmp_path, monkeypatch):
    import sktime_varlstm.benchmarks.classification as benchmark

    seen = {}

    def fake_run(runs, validation=False):
        seen["validation"] = validation
        return [
            {
                "dataset": "japanese_vowels",
                "method": "bucket",
                "epochs": 2,
                "steady_epoch_seconds": 0.1,
                "fit_seconds": 1.0,
                "peak_mb": 100.0,
                "accuracy": 0.5,
            }
        ]

    monkeypatch.setattr(benchmark, "run_benchmark", fake_run)
    main(["benchmark", "--validation", "--quick", "--out", str(tmp_path)])
    assert seen == {"validation": True}
    assert "validation split" in (tmp_path / "classification.md").read_text()
    assert (tmp_path / "classification.png").stat().st_size > 1000
