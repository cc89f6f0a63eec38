"""The detection benchmark: its data, figures, discord peer and command line."""

import numpy as np
import pytest

from sktime_varlstm import cli
from sktime_varlstm.benchmarks import detection
from sktime_varlstm.benchmarks.command import benchmark
from sktime_varlstm.benchmarks.detection import (
    LabelledSeries,
    discord_scores,
    dominant_period,
    evaluate,
    load_labelled_series,
    runs,
    top_k_points,
)


def one_event_series():
    labels = np.zeros(1000, dtype=np.int64)
    labels[700:710] = 1
    return LabelledSeries("toy", np.zeros(1000), labels, train_end=400)


@pytest.mark.parametrize(("peak", "hit"), [(805, True), (809, True), (810, False)])
def test_top1_hit_is_within_100_steps_of_the_labelled_anomaly(peak, hit):
    scores = np.zeros(1000)
    scores[peak] = 1.0
    scores[100] = 5.0  # in the training part: never counts
    row = evaluate(one_event_series(), scores, predicted=[])
    assert row["top1"] is hit and row["top1_distance"] == peak - 709


def test_precision_and_recall_of_predicted_points():
    series = one_event_series()
    row = evaluate(series, None, predicted=[50, 695, 705, 900, 950])
    assert row["n_predicted"] == 4  # the training part is not evaluated
    assert row["precision"] == 0.5 and row["recall"] == 1.0
    assert row["top1"] is None
    assert evaluate(series, None, predicted=[])["recall"] == 0.0


def test_top_k_points_keep_apart():
    scores = np.array([0, 9, 8, 0, 0, 7, 0, 6], dtype=float)
    assert top_k_points(scores, 3, margin=2) == [1, 5, 7]


def sine_whose_period_shortens(start=2000, seed=0):
    """A sine of period 40 whose period is 25 for 60 steps from ``start``."""
    frequency = np.full(3000, 1 / 40)
    frequency[start : start + 60] = 1 / 25
    values = np.sin(2 * np.pi * np.cumsum(frequency))
    values += 0.1 * np.random.default_rng(seed).normal(size=3000)
    labels = np.zeros(3000, dtype=np.int64)
    labels[start : start + 60] = 1
    return LabelledSeries("sine", values, labels, train_end=1200)


def test_the_discord_finds_a_changed_frequency():
    series = sine_whose_period_shortens()
    scores, training = discord_scores(series.values, series.train_end)
    assert scores.shape == series.values.shape
    assert len(training) == series.train_end - detection.DISCORD_WINDOW + 1
    assert evaluate(series, scores, predicted=[])["top1_distance"] == 0
    assert dominant_period(series.values[: series.train_end]) == 40


def test_shipped_series_have_a_normal_training_part():
    for name, n_steps, n_events in [("yahoo", 1000, 7), ("mitdb", 7500, 1)]:
        series = load_labelled_series(name)
        assert len(series.values) == n_steps
        assert series.labels[: series.train_end].sum() == 0
        assert evaluate(series, None, [])["n_events"] == n_events


def test_quick_benchmark_rows_and_table(tmp_path):
    table = benchmark(
        "detection",
        datasets=["yahoo"],
        methods=["LSTMSeriesDetector", "discord", "SubLOF"],
        quick=True,
        out=tmp_path,
        progress=None,
    )
    lines = table.splitlines()
    assert [line.split("|")[2].strip() for line in lines[2:5]] == [
        "LSTMSeriesDetector (seed 0)",
        "discord",
        "SubLOF",
    ]
    # the discord is deterministic: the full run's figures
    # (docs/benchmarks/series-detection.md)
    assert lines[3].startswith(
        "| yahoo | discord | yes | 3 | 3/7 | 0.31 | 1.00 | 451 |"
    )
    assert lines[4].startswith("| yahoo | SubLOF | n/a | n/a | n/a |")


def test_quick_runs_train_one_seed_and_run_every_peer_once():
    quick = runs(["mitdb"], quick=True)
    assert [(r.method, r.seed) for r in quick] == [
        ("LSTMSeriesDetector", 0),
        *[(peer, 0) for peer in detection.PEERS],
    ]
    assert [r.seed for r in runs(["mitdb"], methods=["LSTMSeriesDetector"])] == [
        0,
        1,
        2,
    ]


def test_command_line_runs_the_detection_benchmark(monkeypatch, tmp_path, capsys):
    result = dict(top1=True, top1_distance=0, topk_events=1, n_events=1)
    result.update(precision=1.0, recall=1.0, n_predicted=1, seconds=0.1)
    measured = []
    monkeypatch.setattr(
        detection, "measure", lambda run: measured.append(run) or result
    )
    argv = ["benchmark", "--task", "detection", "--quick", "--out", str(tmp_path)]
    cli.main(argv + ["--datasets", "yahoo", "--methods", "discord"])
    assert [(run.dataset, run.method, run.quick) for run in measured] == [
        ("yahoo", "discord", True)
    ]
    assert "| yahoo | discord | yes | 0 | 1/1 |" in capsys.readouterr().out
    assert (tmp_path / "detection.md").exists()
