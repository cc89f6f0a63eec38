"""The lengths benchmark: its ways of presenting series, its runs, its tables."""

import json
import math

import numpy as np
import pytest

from sktime_varlstm.benchmarks import command, lengths
from sktime_varlstm.benchmarks.lengths import (
    METHODS,
    NETWORKS,
    WAYS,
    compare_with_true_length,
    present,
    runs,
    summarize,
    table,
)
from sktime_varlstm.datasets import SUITE


def _series(*lengths_, channels=2):
    return [
        np.arange(1, n * channels + 1, dtype="float32").reshape(n, channels)
        for n in lengths_
    ]


def test_every_way_gives_the_lengths_it_promises_with_one_rule_for_the_test_split():
    train, test = _series(3, 5, 8), _series(2, 11)
    expected = {
        "true_length": ([3, 5, 8], [2, 11]),
        "pad_masked": ([3, 5, 8], [2, 8]),  # cut to the longest training series
        "pad_after": ([8, 8, 8], [8, 8]),
        "pad_before": ([8, 8, 8], [8, 8]),
        "resample": ([5, 5, 5], [5, 5]),  # the training median
        "truncate": ([3, 3, 3], [2, 3]),  # the shortest training series
    }
    for way, (train_lengths, test_lengths) in expected.items():
        fit, scored, params = present(way, train, [test])
        assert [len(s) for s in fit] == train_lengths, way
        assert [len(s) for s in scored] == test_lengths, way
        assert params == ({"batching": "pad"} if way == "pad_masked" else {}), way


def test_padding_puts_zeros_where_it_says_and_keeps_the_series():
    series = _series(2, 4)
    after = present("pad_after", series, [])[0][0]
    before = present("pad_before", series, [])[0][0]
    np.testing.assert_array_equal(after[:2], series[0])
    assert not after[2:].any()
    np.testing.assert_array_equal(before[2:], series[0])
    assert not before[:2].any()


def test_an_unknown_way_is_refused():
    with pytest.raises(ValueError, match="unknown way 'stretch'"):
        present("stretch", _series(2), [])


def test_the_grid_is_every_set_network_way_and_seed_then_outside_training():
    every = runs()
    grid = [r for r in every if r.split == "test"]
    outside = [r for r in every if r.split == "shorter_half"]
    assert len(grid) == len(SUITE) * len(METHODS) * 3
    assert len(METHODS) == len(NETWORKS) * len(WAYS) + 1  # + the LSTM's batch size 1
    assert {r.dataset for r in outside} == set(lengths.OUTSIDE_DATASETS)
    assert len(outside) == 2 * len(NETWORKS) * len(lengths.OUTSIDE_WAYS) * 3
    assert all(r.settings()["split"] == "shorter_half" for r in outside)
    assert all(r.params == {} and not r.quick for r in every)


def _row(dataset, method, seed, accuracy, fit_seconds=1.0, epoch=0.1):
    return {
        "dataset": dataset,
        "method": method,
        "seed": seed,
        "accuracy": accuracy,
        "fit_seconds": fit_seconds,
        "steady_epoch_seconds": epoch,
        "peak_mb": 100.0,
        "epochs": 5,
    }


def test_true_length_against_a_way_counts_pairs_and_tests_them():
    rows = [_row(d, "lstm:true_length", s, 0.9) for d in "abc" for s in (0, 1)]
    rows += [_row(d, "lstm:resample", s, 0.8) for d in "ab" for s in (0, 1)]
    rows += [_row("c", "lstm:resample", 0, 0.9), _row("c", "lstm:resample", 1, 0.95)]
    wins, ties, losses, p = compare_with_true_length(rows, "lstm", "resample")
    assert (wins, ties, losses) == (4, 1, 1)
    assert 0 < p < 1


def test_summary_ranks_ways_within_a_network_and_times_them_against_true_length():
    rows = [
        _row("a", "lstm:true_length", 0, 0.9, fit_seconds=10.0, epoch=0.1),
        _row("a", "lstm:pad_after", 0, 0.7, fit_seconds=30.0, epoch=0.3),
        _row("b", "lstm:true_length", 0, 0.6, fit_seconds=10.0, epoch=0.1),
        _row("b", "lstm:pad_after", 0, 0.8, fit_seconds=10.0, epoch=0.1),
        {**_row("a", "lstm:per_sample", 0, None, epoch=2.0), "accuracy": None},
    ]
    summary = summarize(rows)
    assert summary["lstm", "true_length"]["mean_rank"] == 1.5
    assert summary["lstm", "pad_after"]["mean_accuracy"] == pytest.approx(0.75)
    assert summary["lstm", "pad_after"]["fit_ratio"] == pytest.approx(2.0)
    assert summary["lstm", "per_sample"]["mean_accuracy"] is None
    assert summary["lstm", "per_sample"]["epoch_ratio"] == pytest.approx(20.0)
    text = table(rows)
    assert "| LSTMClassifier | pad_after | 0.7500 | 1.50 | 1 / 0 / 1 |" in text


def test_quick_benchmark_through_the_command(tmp_path):
    methods = ["dilated_conv:true_length", "dilated_conv:pad_after", "lstm:per_sample"]
    text = command.benchmark(
        "lengths",
        datasets=["japanese_vowels"],
        methods=methods,
        seeds=[0],
        quick=True,
        out=tmp_path,
        progress=None,
    )
    rows = json.loads((tmp_path / "lengths.json").read_text())
    grid = [r for r in rows if r.get("split", "test") == "test"]
    outside = [r for r in rows if r.get("split") == "shorter_half"]
    assert [r["method"] for r in grid] == methods
    assert [r["method"] for r in outside] == methods[:2]  # per_sample: speed only
    for row in grid[:2] + outside:
        assert 0 <= row["accuracy"] <= 1 and row["fit_seconds"] > 0
    assert grid[2]["accuracy"] is None and math.isfinite(grid[2]["peak_mb"])
    for row in outside:
        assert row["n_shorter"] + row["n_within"] + row["n_longer"] == 27
    assert "true length: wins / ties / losses" in text
    assert "shorter than training" in text
    assert (tmp_path / "lengths.png").exists()
