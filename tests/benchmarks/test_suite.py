"""The development suite: its data sets, the MiniRocket peer and the suite runner."""

import json
import os
import subprocess
import sys

import numpy as np
import pytest

from sktime_varlstm.benchmarks.suite import runs, summarize, table
from sktime_varlstm.datasets import (
    MIN_FRACTION,
    load_unequal_length_panel,
    truncation_windows,
)

# the cut sets and their (train, test) sizes, as
# docs/benchmarks/classification.md gives them
CUT = {
    "basic_motions": (40, 40),
    "gunpoint": (50, 150),
    "arrow_head": (36, 175),
    "osuleaf": (200, 242),
    "italy_power_demand": (67, 1029),
}


@pytest.mark.parametrize("name", CUT)
def test_cut_sets_are_unequal_windows_of_their_source(name):
    import sktime.datasets

    from sktime_varlstm.data import to_series_list

    source = {"gunpoint": "load_gunpoint", "arrow_head": "load_arrow_head"}.get(
        name, f"load_{name}"
    )
    for split, size in zip(("train", "test"), CUT[name], strict=True):
        X, y = load_unequal_length_panel(name, split)
        assert len(X) == size
        full, full_y = getattr(sktime.datasets, source)(
            split=split, return_type="nested_univ"
        )
        full = to_series_list(full)
        lengths = np.array([len(s) for s in X])
        # really unequal: many lengths, spread over most of the rule's range
        assert len(set(lengths)) >= 10
        assert lengths.max() - lengths.min() >= 0.4 * len(full[0])
        assert np.all(lengths >= np.floor(MIN_FRACTION * len(full[0])))
        assert all(s.dtype == np.float32 and s.ndim == 2 for s in X)
        np.testing.assert_array_equal(y, np.asarray(full_y))
        # each series is a contiguous window of the original one
        for cut, whole in zip(X[:20], full[:20], strict=True):
            starts = [
                t
                for t in range(len(whole) - len(cut) + 1)
                if np.array_equal(whole[t : t + len(cut)], cut)
            ]
            assert starts


def test_loading_twice_gives_the_same_series():
    first, y1 = load_unequal_length_panel("gunpoint", "train")
    second, y2 = load_unequal_length_panel("gunpoint", "train")
    assert len(first) == len(second)
    for a, b in zip(first, second, strict=True):
        np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(y1, y2)


def test_windows_are_seeded_by_data_set_split_and_seed():
    lengths = [100] * 50

    def sizes(*args, **kwargs):
        return [w.stop - w.start for w in truncation_windows(lengths, *args, **kwargs)]

    assert sizes("gunpoint", "train") == sizes("gunpoint", "train")
    assert sizes("gunpoint", "train") != sizes("gunpoint", "test")
    assert sizes("gunpoint", "train") != sizes("osuleaf", "train")
    assert sizes("gunpoint", "train", seed=1) != sizes("gunpoint", "train")
    # the same rule for every split: shares spread over [MIN_FRACTION, 1]
    for split in ("train", "test"):
        shares = np.array(sizes("gunpoint", split)) / 100
        assert shares.min() >= MIN_FRACTION and shares.max() <= 1
        assert shares.min() < 0.55 and shares.max() > 0.85


def test_unequal_sets_come_as_they_are():
    import sktime.datasets

    X, y = load_unequal_length_panel("japanese_vowels", "train")
    shipped, shipped_y = sktime.datasets.load_japanese_vowels(
        split="train", return_type="nested_univ"
    )
    assert len(X) == 270 and X[0].shape[1] == 12
    assert [len(s) for s in X] == [len(s.dropna()) for s in shipped.iloc[:, 0]]
    np.testing.assert_array_equal(y, np.asarray(shipped_y))


def test_unknown_names_are_refused():
    with pytest.raises(ValueError, match="must be one of"):
        load_unequal_length_panel("gun_point", "train")
    with pytest.raises(ValueError, match="'train' or 'test'"):
        load_unequal_length_panel("gunpoint", "validation")
    with pytest.raises(ValueError, match="unknown data sets"):
        runs(["gun_point"])


def test_summary_means_ranks_and_ratio():
    rows = [
        {"dataset": d, "method": m, "seed": s, "accuracy": a, "fit_seconds": t}
        for d, m, s, a, t in [
            ("one", "varlstm", 0, 0.8, 10.0),
            ("one", "varlstm", 1, 0.6, 30.0),
            ("one", "minirocket", 0, 0.9, 1.0),
            ("one", "minirocket", 1, 0.9, 1.0),
            ("two", "varlstm", 0, 1.0, 4.0),
            ("two", "minirocket", 0, 1.0, 2.0),
        ]
    ]
    cells, overall = summarize(rows)
    assert cells["one", "varlstm"]["mean"] == pytest.approx(0.7)
    assert cells["one", "varlstm"]["std"] == pytest.approx(0.1)
    assert overall["varlstm"]["mean_accuracy"] == pytest.approx(0.85)
    assert overall["varlstm"]["mean_rank"] == pytest.approx(1.75)  # 2, then tie
    assert overall["minirocket"]["mean_rank"] == pytest.approx(1.25)
    assert overall["varlstm"]["total_fit_seconds"] == pytest.approx(24.0)
    assert overall["varlstm"]["fit_ratio"] == pytest.approx(8.0)
    written = table(rows).splitlines()
    assert "| one | varlstm | 0.7000 ± 0.1000 | 20.0 | n/a | 2 |" in written
    assert "| one | minirocket | 0.9000 ± 0.0000 | 1.0 | n/a | 2 |" in written
    assert "| varlstm | 0.8500 | 1.75 | 24.0 | 8.0x |" in written


def test_suite_quick_runs_the_peer_and_the_package(tmp_path):
    # numba would compile MiniRocket for ~50 s in a fresh installation; its
    # pure-Python run is fast enough for a few tiny series and fewer kernels.
    env = dict(os.environ, NUMBA_DISABLE_JIT="1", TF_CPP_MIN_LOG_LEVEL="3")
    command = [
        sys.executable,
        "-m",
        "sktime_varlstm",
        "benchmark",
        "--suite",
        "--quick",
        "--datasets",
        "italy_power_demand",
        "japanese_vowels",
        "--methods",
        "varlstm",
        "minirocket",
        "--seeds",
        "0",
        "--out",
        str(tmp_path),
    ]
    result = subprocess.run(
        command, capture_output=True, text=True, timeout=300, env=env
    )
    assert result.returncode == 0, result.stderr[-3000:]
    rows = json.loads((tmp_path / "suite.json").read_text())
    assert {(r["dataset"], r["method"]) for r in rows} == {
        (d, m)
        for d in ("italy_power_demand", "japanese_vowels")
        for m in ("varlstm", "minirocket")
    }
    # the peer is no coin toss (1 in 9) on 3 training series per vowel
    (peer,) = [
        r["accuracy"]
        for r in rows
        if (r["dataset"], r["method"]) == ("japanese_vowels", "minirocket")
    ]
    assert peer > 0.5
    assert "mean rank" in (tmp_path / "suite.md").read_text()
    assert (tmp_path / "suite.png").stat().st_size > 0
