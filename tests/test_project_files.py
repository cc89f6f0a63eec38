"""The README's commands and code are the ones CI and users run."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text()


def readme_test_command():
    match = re.search(
        r"^(pip install -e \"\.\[test\]\" && .*?)(?:\s+#.*)?$", README, re.M
    )
    assert match, "README must give the test command"
    return match.group(1).strip()


def test_ci_runs_the_readme_test_command():
    ci_lines = (ROOT / ".ci" / "run").read_text().splitlines()
    assert readme_test_command() in [line.strip() for line in ci_lines]


def test_readme_names_the_demo_command():
    assert re.search(r"^pip install \. && varlstm demo", README, re.M)


def python_blocks():
    return re.findall(r"```python\n(.*?)```", README, re.S)


@pytest.mark.slow
@pytest.mark.parametrize("index", range(len(python_blocks())))
def test_readme_python_blocks_run(index, tmp_path):
    code = python_blocks()[index]
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]


def test_cli_entry_points_agree():
    from sktime_varlstm.cli import build_parser

    args = build_parser().parse_args(["demo", "--epochs", "3", "--batching", "pad"])
    assert (args.dataset, args.epochs, args.batching) == ("japanese_vowels", 3, "pad")
    result = subprocess.run(
        [sys.executable, "-m", "sktime_varlstm", "--help"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0 and "demo" in result.stdout
