"""The regression benchmark: its runs, its table, a quick run through the command."""

import json
import math

import numpy as np
import pytest

from sktime_varlstm.benchmarks import command, regression
from sktime_varlstm.benchmarks.regression import METHODS, dtw_matrix, runs, table
from sktime_varlstm.cli import main
from sktime_varlstm.datasets import REGRESSION_SETS

QUICK_METHODS = ("dilated_conv", "lstm", "knn_dtw", "mean")


def test_the_command_knows_the_task():
    assert command.runner("regression") is regression
    assert regression.DATASETS == REGRESSION_SETS


def test_quick_benchmark_through_the_command(tmp_path):
    table_text = command.benchmark(
        "regression",
        datasets=["covid_3month"],
        methods=list(QUICK_METHODS),
        seeds=[0],
        quick=True,
        out=tmp_path,
        progress=None,
    )
    rows = json.loads((tmp_path / "regression.json").read_text())
    assert [row["method"] for row in rows] == list(QUICK_METHODS)
    for row in rows:
        assert row["n_train"] == regression.QUICK_SERIES
        assert math.isfinite(row["rmse"]) and row["rmse"] > 0
        assert math.isfinite(row["r2"]) and row["r2"] <= 1
        assert row["fit_seconds"] > 0
    mean = rows[-1]
    assert -0.1 < mean["r2"] <= 1e-12  # a constant: R² about 0, never above
    lines = [line for line in table_text.splitlines() if "| covid_3month |" in line]
    assert [line.split("|")[2].strip() for line in lines] == [
        regression.LABELS[method] for method in QUICK_METHODS
    ]
    for line, row in zip(lines, rows, strict=True):
        cells = [cell.strip() for cell in line.split("|")[1:-1]]
        assert cells[3] == f"{row['rmse']:.4f}"  # the table shows the rows
        assert cells[5] == "n/a"  # no peer in this run: no ratio
    assert "mean RMSE / minirocket's" in table_text
    assert (tmp_path / "regression.md").read_text() == table_text + "\n"
    assert len((tmp_path / "regression.jsonl").read_text().splitlines()) == 4


def test_the_command_line_accepts_the_task_and_refuses_unknown_methods(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["benchmark", "--task", "regression", "--methods", "rocket"])
    assert exit_info.value.code == 2
    assert "['rocket'] is unknown" in capsys.readouterr().err


def test_full_runs_are_every_set_method_and_seed_with_defaults():
    every = runs()
    assert len(every) == len(REGRESSION_SETS) * len(METHODS) * 3
    assert all(run.params == {} and not run.quick for run in every)
    assert [r.method for r in every[: 3 * len(METHODS) : 3]] == list(METHODS)
    with pytest.raises(ValueError, match="unknown data sets"):
        runs(["gunpoint"])


def _row(dataset, method, seed, rmse, fit_seconds=1.0, r2=0.5):
    return {
        "dataset": dataset,
        "method": method,
        "seed": seed,
        "n_train": 10,
        "rmse": rmse,
        "r2": r2,
        "fit_seconds": fit_seconds,
        "predict_seconds": 0.1,
        "note": "",
    }


def test_summary_compares_with_the_peer_set_by_set():
    rows = [
        _row("a", "minirocket", 0, 2.0, fit_seconds=1.0),
        _row("a", "minirocket", 1, 2.0, fit_seconds=3.0),
        _row("a", "lstm", 0, 1.0, fit_seconds=20.0),
        _row("a", "lstm", 1, 3.0, fit_seconds=20.0),
        _row("b", "minirocket", 0, 1.0, fit_seconds=2.0),
        _row("b", "lstm", 0, 1.5, fit_seconds=40.0),
    ]
    cells, overall = regression.summarize(rows)
    assert cells["a", "lstm"]["rmse_ratio"] == pytest.approx(1.0)
    assert cells["b", "lstm"]["rmse_ratio"] == pytest.approx(1.5)
    assert overall["lstm"]["rmse_ratio"] == pytest.approx(1.25)
    assert overall["lstm"]["above"] == ["b"]
    assert overall["lstm"]["fit_ratio"] == pytest.approx(60.0 / 4.0)
    text = table(rows)
    assert "| a | LSTMRegressor | 10 | 2.0000 ± 1.0000 |" in text
    assert "| LSTMRegressor | 1.25 | b |" in text


def test_a_refused_peer_shows_its_reason():
    refused = {
        **_row("a", "fcn_padded", 0, None, fit_seconds=None, r2=None),
        "note": "refused by sktime: no tensorflow",
    }
    text = table([_row("a", "minirocket", 0, 1.0), refused])
    line = next(line for line in text.splitlines() if "FCNRegressor" in line)
    assert "refused by sktime: no tensorflow" in line and "n/a" in line


def test_dtw_matrix_warps_unequal_series():
    a = np.array([[0.0], [1.0], [1.0], [2.0]])
    b = np.array([[0.0], [1.0], [2.0]])
    c = np.array([[5.0], [5.0]])
    distances = dtw_matrix([a, b], [b, c])
    assert distances.shape == (2, 2)
    assert distances[0, 0] == 0.0 and distances[1, 0] == 0.0  # a warps onto b
    assert distances[0, 1] == 25 + 16 + 16 + 9  # each step of a to its nearest 5
    np.testing.assert_array_equal(dtw_matrix([a, b]), dtw_matrix([a, b], [a, b]))
