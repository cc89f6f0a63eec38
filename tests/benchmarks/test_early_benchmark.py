"""The early-classification benchmark: its data, a quick run through the command."""

import json
import math

import numpy as np
import pytest

from sktime_varlstm.benchmarks import command, early
from sktime_varlstm.cli import main


def test_the_command_knows_the_task_and_its_data():
    assert command.runner("early") is early
    assert len(early.EQUAL_LENGTH) == 6
    X, y = early.load("italy_power_demand", "test")
    assert len({len(s) for s in X}) == 1 and len(X) == len(y)
    X_cut, _ = early.load("italy_power_demand-cut", "test")
    assert len(X_cut) == len(X) and len({len(s) for s in X_cut}) > 1


def test_the_peers_see_series_padded_at_their_end_or_cut():
    padded = early._padded([np.ones((2, 1)), np.arange(5.0)[:, None]], length=3)
    assert padded.shape == (2, 1, 3)
    assert padded[:, 0].tolist() == [[1, 1, 0], [0, 1, 2]]


def test_quick_benchmark_through_the_command(tmp_path):
    methods = ["dilated_conv_early", "dilated_conv"]
    table_text = command.benchmark(
        "early",
        datasets=["italy_power_demand-cut"],
        methods=methods,
        seeds=[0],
        quick=True,
        out=tmp_path,
        progress=None,
    )
    rows = json.loads((tmp_path / "early.json").read_text())
    assert [row["method"] for row in rows] == methods
    ours, full = rows
    assert 0 <= ours["accuracy"] <= 1 and 0 < ours["earliness"] <= 1
    expected_hm = (
        2
        * ours["accuracy"]
        * (1 - ours["earliness"])
        / (ours["accuracy"] + 1 - ours["earliness"])
    )
    assert math.isclose(ours["hm"], expected_hm, rel_tol=1e-6)
    assert len(ours["curve"]) == len(early.FRACTIONS)
    assert ours["curve"][-1] == ours["full_accuracy"]
    assert ours["prefix_time_ratio"] > 0
    assert full["earliness"] == 1.0 and full["hm"] == 0.0
    assert full["fit_seconds"] > 0
    assert "| italy_power_demand-cut | DilatedConvEarlyClassifier |" in table_text
    assert "unequal length" in table_text
    assert (tmp_path / "early.png").stat().st_size > 0


def test_holdout_scores_part_of_the_training_split_the_same_for_every_run():
    X, y = early.load("italy_power_demand", "train")
    X_fit, y_fit, X_held, y_held = early._holdout(X, y)
    assert len(X_fit) + len(X_held) == len(X)
    assert len(X_held) == math.ceil(early.HOLDOUT_FRACTION * len(X))
    assert sorted(set(y_held)) == sorted(set(y))  # stratified
    again = early._holdout(X, y)
    assert all(np.array_equal(a, b) for a, b in zip(again[2], X_held, strict=True))


def test_the_command_line_refuses_an_unknown_data_set(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["benchmark", "--task", "early", "--datasets", "ucr"])
    assert exit_info.value.code == 2
    assert "['ucr'] is unknown" in capsys.readouterr().err
