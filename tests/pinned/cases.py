"""Small fits whose outputs are pinned, so a change that should not change any
number (moving code, renaming) is shown not to.

``python tests/pinned/cases.py`` writes ``predictions.json`` beside this file
from the installed package; ``tests/test_pinned_predictions.py`` compares the
package against it. The file was written once, by the code before the package
was split into subpackages (0.1.0), and is rewritten only on purpose, when a
change is meant to change numbers.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

PINNED = Path(__file__).with_name("predictions.json")

# (estimator, index into its get_test_params())
CASES = [
    ("LSTMClassifier", 0),
    ("LSTMFCNClassifier", 0),
    ("DilatedConvClassifier", 0),
    ("DilatedConvClassifier", 1),
    ("ConvLSTMClassifier", 0),
    ("LSTMAnomalyDetector", 0),
    ("LSTMSeriesDetector", 0),
]


def panel():
    """24 two-channel series of 8-29 steps, two classes told apart by frequency."""
    rng = np.random.default_rng(0)
    lengths = rng.integers(8, 30, 24)
    y = np.array(["a", "b"] * 12)
    X = []
    for length, label in zip(lengths, y, strict=True):
        steps = np.arange(length)
        frequency = 0.3 if label == "a" else 0.8
        waves = [np.sin(frequency * steps), np.cos(frequency * steps)]
        noise = rng.normal(0, 0.1, (length, 2))
        X.append((np.stack(waves, axis=1) + noise).astype("float32"))
    return X, y


def long_series():
    rng = np.random.default_rng(1)
    values = np.sin(0.3 * np.arange(240)) + rng.normal(0, 0.05, 240)
    values[200] += 2.0
    return values


def outputs(name: str, index: int) -> list:
    """The pinned outputs of one case, as a flat list of floats."""
    import sktime_varlstm

    cls = getattr(sktime_varlstm, name)
    estimator = cls(**cls.get_test_params()[index])
    X, y = panel()
    if name == "LSTMSeriesDetector":
        series = long_series()
        estimator.fit(series[:160])
        return estimator.transform_scores(series).to_numpy().ravel().tolist()
    if name == "LSTMAnomalyDetector":
        estimator.fit(X[:16])
        return estimator.score_samples(X[16:]).ravel().tolist()
    estimator.fit(X[:16], y[:16])
    return estimator.predict_proba(X[16:]).ravel().tolist()


def versions() -> dict:
    """The versions whose kernels computed the outputs (rounding depends on them)."""
    from importlib.metadata import version

    return {name: version(name) for name in ("tensorflow", "keras", "numpy")}


def main() -> int:
    pinned = {f"{name}[{index}]": outputs(name, index) for name, index in CASES}
    record = {"versions": versions(), "outputs": pinned}
    PINNED.write_text(json.dumps(record, indent=1) + "\n")
    print(f"wrote {PINNED}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
