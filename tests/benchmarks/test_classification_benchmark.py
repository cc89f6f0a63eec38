"""The classification benchmark: its runs, and a quick run through the command."""

import json

import numpy as np
import pytest

from sktime_varlstm.benchmarks import classification
from sktime_varlstm.benchmarks.classification import METHODS, runs
from sktime_varlstm.benchmarks.preprocessing import resample
from sktime_varlstm.cli import main


def test_quick_runs_are_every_strategy_without_the_sktime_peer():
    quick = runs(["japanese_vowels"], quick=True)
    assert [run.method for run in quick] == [
        "per_sample",
        "bucket",
        "bucket_budget",
        "pad",
        "resampled",
    ]
    assert all(run.quick and run.params["n_epochs"] == 2 for run in quick)


def test_quick_benchmark_writes_table_rows_record_and_plot(tmp_path, capsys):
    argv = ["benchmark", "--quick", "--datasets", "japanese_vowels"]
    argv += ["--methods", "per_sample", "resampled", "--out", str(tmp_path)]
    assert main(argv) == 0
    rows = json.loads((tmp_path / "classification.json").read_text())
    assert [row["method"] for row in rows] == ["per_sample", "resampled"]
    assert [row["epochs"] for row in rows] == [2, 2]  # the quick network's
    assert rows[1]["params"]["resample_to"] == 16
    table = (tmp_path / "classification.md").read_text()
    lines = [line for line in table.splitlines() if line.startswith("| japanese")]
    for line, row in zip(lines, rows, strict=True):
        cells = [cell.strip() for cell in line.split("|")[1:-1]]
        assert cells[1] == row["method"]
        assert cells[6] == f"{row['accuracy']:.4f}"  # the table shows the rows
    assert len((tmp_path / "classification.jsonl").read_text().splitlines()) == 2
    assert (tmp_path / "classification.png").stat().st_size > 1000
    assert "steady s/epoch" in capsys.readouterr().out
    # run again: both runs come from the record, nothing is trained
    assert main(argv) == 0
    assert capsys.readouterr().out.count("recorded, skipped") == 2
    assert (tmp_path / "classification.md").read_text() == table


def test_full_benchmark_compares_like_with_like():
    every = runs()
    for dataset in ("japanese_vowels", "plaid"):
        strategies = [
            r for r in every if r.dataset == dataset and "batching" in r.params
        ]
        assert [r.params["batching"] for r in strategies] == [
            "per_sample",
            "bucket",
            "bucket",
            "pad",
        ]
        budget = [r for r in strategies if r.method == "bucket_budget"]
        assert budget[0].params["max_timesteps_per_batch"] == 32 * max(
            classification._LONGEST[dataset], 1
        )
        # same network and epochs: only the batching differs
        assert len({r.params["n_epochs"] for r in strategies}) == 1
        methods = [r.method for r in every if r.dataset == dataset]
        assert methods == list(METHODS)


def test_resample_keeps_end_points():
    series = np.array([[0.0, 10.0], [1.0, 20.0], [4.0, 30.0]])
    out = resample(series, 5)
    assert out.shape == (5, 2)
    np.testing.assert_allclose(out[[0, -1]], series[[0, -1]])
    np.testing.assert_allclose(out[2], [1.0, 20.0])


def test_methods_and_seeds_select_runs():
    selected = runs(["plaid"], methods=["bucket", "pad"], seeds=[0, 1])
    assert [(r.method, r.seed) for r in selected] == [
        ("bucket", 0),
        ("bucket", 1),
        ("pad", 0),
        ("pad", 1),
    ]
    with pytest.raises(ValueError, match="unknown methods"):
        runs(["plaid"], methods=["fastest"])


def test_the_command_refuses_unknown_methods(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["benchmark", "--methods", "lstm_fcn"])
    assert exit_info.value.code == 2
    assert "['lstm_fcn'] is unknown" in capsys.readouterr().err
