"""The run record (resume) and the one table every runner writes."""

import json
import math

import pytest

from sktime_varlstm.benchmarks._record import Run, RunRecord, perform
from sktime_varlstm.benchmarks._report import Column, format_table, mean_and_spread


def _measure(run):
    return {"accuracy": run.seed / 10, "fit_seconds": 1.0 + run.seed}


def test_a_rerun_measures_only_the_runs_not_recorded(tmp_path):
    path = tmp_path / "task.jsonl"
    runs = [Run("d", "m", seed, {"units": (4,)}) for seed in range(3)]
    first = perform(runs[:2], _measure, RunRecord(path), progress=None)
    assert len(path.read_text().splitlines()) == 2

    measured = []

    def counting(run):
        measured.append(run.seed)
        return _measure(run)

    again = perform(runs, counting, RunRecord(path), progress=None)
    assert measured == [2]  # seeds 0 and 1 come from the file
    assert again[:2] == first
    assert [row["accuracy"] for row in again] == [0.0, 0.1, 0.2]
    assert again[0]["params"] == {"units": [4]} and again[0]["dataset"] == "d"
    assert len(RunRecord(path)) == 3


def test_settings_identify_a_run_whatever_their_order_and_containers():
    record = RunRecord()
    record.add({"b": (1, 2), "a": {"y": 1, "x": None}}, {"score": 3})
    assert {"a": {"x": None, "y": 1}, "b": [1, 2]} in record
    assert {"a": {"x": None, "y": 2}, "b": [1, 2]} not in record
    quick = Run("d", "m", quick=True).settings()
    assert quick not in RunRecord() and quick != Run("d", "m").settings()


def test_a_line_cut_off_by_a_stopped_run_is_measured_again(tmp_path):
    path = tmp_path / "task.jsonl"
    run = Run("d", "m")
    RunRecord(path).add(run.settings(), {"accuracy": 0.5})
    with path.open("a") as file:
        file.write('{"settings": {"dataset": "d", "method": "other"')  # no end
    record = RunRecord(path)
    assert len(record) == 1 and run.settings() in record
    (row,) = perform([Run("d", "other")], _measure, record, progress=None)
    assert row["accuracy"] == 0.0
    assert json.loads(path.read_text().splitlines()[-1])["result"]["accuracy"] == 0.0


def test_table_groups_rows_into_mean_and_spread():
    rows = [
        {"dataset": "one", "method": "a", "accuracy": 0.8, "fit": 10.0, "note": "x"},
        {"dataset": "one", "method": "a", "accuracy": 0.6, "fit": 30.0, "note": "y"},
        {"dataset": "one", "method": "b", "accuracy": 0.9, "fit": None, "note": "x"},
        {"dataset": "two", "method": "a", "accuracy": math.nan, "fit": 2.0},
    ]
    columns = [
        Column("dataset", "data set"),
        Column("method", "method", str.upper),
        Column("accuracy", "accuracy", "{:.2f}", spread=True, right=True),
        Column("fit", "fit s", "{:.1f}", right=True),
        Column("note", "note"),
        Column("runs", "seeds", right=True),
    ]
    lines = format_table(rows, columns, by=("dataset", "method")).splitlines()
    assert lines[0] == "| data set | method | accuracy | fit s | note | seeds |"
    assert lines[1] == "|---|---|---:|---:|---|---:|"
    assert lines[2:] == [
        "| one | A | 0.70 ± 0.10 | 20.0 | x / y | 2 |",
        "| one | B | 0.90 | n/a | x | 1 |",
        "| two | A | n/a | 2.0 | n/a | 1 |",
    ]
    # without ``by`` every row is a line
    assert len(format_table(rows, columns).splitlines()) == 2 + len(rows)


@pytest.mark.parametrize(
    ("values", "written"),
    [([1.0, 3.0], "2.0 ± 1.0"), ([2.0], "2.0"), ([], "n/a"), ([1.0, None], "n/a")],
)
def test_mean_and_spread(values, written):
    values = [math.nan if v is None else v for v in values]
    assert mean_and_spread(values, "{:.1f}") == written
