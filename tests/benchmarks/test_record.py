"""The run record (resume) and the one table every runner writes."""

import json
import math
import os
import signal
import subprocess
import sys
import time

import pytest

from sktime_varlstm.benchmarks._record import (
    Run,
    RunRecord,
    in_fresh_process,
    perform,
)
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


def test_a_fresh_process_returns_the_result_of_another_interpreter():
    assert in_fresh_process(os.getpid) != os.getpid()
    assert in_fresh_process(math.hypot, 3.0, 4.0) == 5.0


def test_an_error_in_the_fresh_process_is_raised_with_its_traceback():
    with pytest.raises(ValueError, match="math domain error") as raised:
        in_fresh_process(math.sqrt, -1.0)
    assert any("Traceback" in note for note in raised.value.__notes__)


_STOPPED_CALLER = """
import os, signal, sys, time
from sktime_varlstm.benchmarks._record import in_fresh_process
from sktime_varlstm.cli import termination_as_exit

def wait(path):
    with open(path + ".tmp", "w") as file:
        file.write(str(os.getpid()))
    os.replace(path + ".tmp", path)
    time.sleep(120)

if __name__ == "__main__":
    # Ctrl-C as in a terminal: a caller started with SIGINT ignored (as
    # pytest-xdist's workers are) would otherwise inherit that.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    with termination_as_exit():
        in_fresh_process(wait, sys.argv[1])
"""


@pytest.mark.parametrize(
    "stop", [signal.SIGTERM, signal.SIGINT], ids=["kill", "ctrl-c"]
)
def test_stopping_the_caller_stops_the_run_in_its_fresh_process(tmp_path, stop):
    script, pid_file = tmp_path / "caller.py", tmp_path / "run.pid"
    script.write_text(_STOPPED_CALLER)
    caller = subprocess.Popen(
        [sys.executable, str(script), str(pid_file)], stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 120
        while not pid_file.exists():
            assert caller.poll() is None and time.monotonic() < deadline
            time.sleep(0.1)
        run = int(pid_file.read_text())
        caller.send_signal(stop)
        caller.wait(timeout=60)
    finally:
        caller.kill()
    if stop == signal.SIGTERM:
        assert caller.returncode == 128 + signal.SIGTERM  # SystemExit, unwound
    with pytest.raises(ProcessLookupError):  # stopped and reaped by the caller
        os.kill(run, 0)
