import re
import subprocess
import sys

import pytest

from sktime_varlstm.cli import main
from sktime_varlstm.training import steady_epoch_seconds


def test_demo_shows_progress_unless_quiet(capfd):
    main(["demo", "--epochs", "2", "--batching", "pad"])
    out = capfd.readouterr().out
    assert "Epoch 1/2" in out and "Epoch 2/2" in out


def test_steady_state_skips_the_first_epoch():
    assert steady_epoch_seconds([9.0, 1.0, 2.0, 3.0]) == 2.0
    assert steady_epoch_seconds([4.0]) == 4.0


def test_article_example_runs(capsys):
    import runpy
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "examples"
    example = runpy.run_path(str(path / "article_lstm_per_sample_vs_bucket.py"))
    results = example["main"](n_epochs=2, n_series=60)  # per_sample: 60 steps
    assert set(results) == {"per_sample", "bucket"}
    assert "faster per epoch" in capsys.readouterr().out


def test_benchmark_methods_are_refused_for_anomaly(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["benchmark", "--task", "anomaly", "--methods", "bucket"])
    assert exit_info.value.code == 2
    assert "--methods applies to" in capsys.readouterr().err


def test_parsing_the_command_line_does_not_start_tensorflow():
    code = (
        "import sys; from sktime_varlstm.cli import build_parser; "
        "build_parser().parse_args(['demo']); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('tensorflow', 'keras', 'sktime_varlstm.benchmarks')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_tensorflow_log_goes_to_a_file_and_python_stderr_stays(tmp_path):
    log = tmp_path / "tf.log"
    code = (
        "import os, sys\n"
        "from sktime_varlstm.cli import tensorflow_log_to_file\n"
        f"with tensorflow_log_to_file({str(log)!r}) as path:\n"
        "    os.write(2, b'C++ start-up line\\n')\n"
        "    print('python warning', file=sys.stderr)\n"
        "os.write(2, b'after\\n')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == "python warning\nafter\n"
    assert log.read_text() == "C++ start-up line\n"


@pytest.mark.slow
def test_demo_trains_reports_and_prints_no_tensorflow_start_up_lines():
    result = subprocess.run(
        [sys.executable, "-m", "sktime_varlstm", "demo", "--epochs", "2", "--quiet"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    out = result.stdout
    assert "japanese_vowels: 270 train / 370 test series, 12 channel(s)" in out
    accuracy = float(re.search(r"test accuracy: ([0-9.]+)", out).group(1))
    assert accuracy >= 0.8  # 0.98 measured; the majority class is 24 % of the test
    assert re.search(r"fit time: [0-9.]+ s in total for 2 epochs", out)
    for line in ("absl::InitializeLog", "oneDNN", "cuda", "cuInit"):
        assert line not in result.stderr + result.stdout, line
