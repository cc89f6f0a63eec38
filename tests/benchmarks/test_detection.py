"""The detection benchmark: its data, figures, discord peer and command line."""

import numpy as np
import pytest

from sktime_varlstm import cli
from sktime_varlstm.benchmarks import detection
from sktime_varlstm.benchmarks.detection import (
    GENERATED_KINDS,
    LabelledSeries,
    discord_scores,
    evaluate,
    format_table,
    generated_series,
    load_labelled_series,
    run_detection_benchmark,
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


@pytest.mark.parametrize("kind", GENERATED_KINDS)
def test_generated_series_have_anomalies_in_the_test_part_only(kind):
    series = generated_series(kind, seed=3)
    assert len(series.values) == len(series.labels)
    assert series.labels[: series.train_end].sum() == 0
    assert series.labels[series.train_end :].sum() > 0


def test_the_discord_finds_a_changed_frequency():
    series = generated_series("sine_frequency", seed=0)
    scores, training = discord_scores(series.values, series.train_end)
    assert scores.shape == series.values.shape
    assert len(training) == series.train_end - detection.DISCORD_WINDOW + 1
    assert evaluate(series, scores, predicted=[])["top1_distance"] == 0


def test_shipped_series_have_a_normal_training_part():
    for name, n_steps, n_events in [("yahoo", 1000, 7), ("mitdb", 7500, 1)]:
        series = load_labelled_series(name)
        assert len(series.values) == n_steps
        assert series.labels[: series.train_end].sum() == 0
        assert evaluate(series, None, [])["n_events"] == n_events


def test_quick_benchmark_rows_and_table():
    rows = run_detection_benchmark(
        series_names=("yahoo",), quick=True, peers=("discord", "SubLOF")
    )
    methods = [row["method"] for row in rows]
    assert methods == ["LSTMSeriesDetector (seed 0)", "discord", "SubLOF"]
    for row in rows:
        assert 0 <= row["precision"] <= 1 and 0 <= row["recall"] <= 1
    table = format_table(rows)
    assert len(table.splitlines()) == 2 + len(rows)
    assert "| yahoo | SubLOF | n/a |" in table


def test_command_line_runs_the_detection_benchmark(monkeypatch, tmp_path, capsys):
    rows = [
        {"series": "s", "method": "m", "top1": True, "top1_distance": 0,
         "topk_events": 1, "n_events": 1, "precision": 1.0, "recall": 1.0,
         "n_predicted": 1, "seconds": 0.1}
    ]  # fmt: skip
    calls = []
    monkeypatch.setattr(
        detection, "run_detection_benchmark", lambda **kw: calls.append(kw) or rows
    )
    cli.main(["benchmark", "--task", "detection", "--quick", "--out", str(tmp_path)])
    assert calls == [{"quick": True}]
    assert "| s | m | yes | 0 | 1/1 |" in capsys.readouterr().out
    assert (tmp_path / "detection.md").exists()
