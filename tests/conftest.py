"""Shared tiny data and estimators: every test here should take seconds."""

import json
import os
import subprocess
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import keras
import numpy as np
import pandas as pd
import pytest
from sktime.datatypes import convert_to


def make_unequal_panel(n_series=24, n_channels=2, min_len=5, max_len=20, seed=0):
    """Two classes of noisy sines (slow vs fast) with lengths in a range."""
    rng = np.random.default_rng(seed)
    X, y = [], []
    for i in range(n_series):
        label = i % 2
        length = int(rng.integers(min_len, max_len + 1))
        t = np.arange(length)[:, None]
        freq = 0.2 if label == 0 else 1.2
        phase = rng.uniform(0, np.pi, size=n_channels)
        series = np.sin(freq * t + phase) + 0.1 * rng.normal(size=(length, n_channels))
        X.append(series.astype("float32"))
        y.append("slow" if label == 0 else "fast")
    return X, np.array(y)


def run_in_fresh_interpreter(code, timeout=300):
    """Run ``code`` in a new Python process; return the JSON of its last line."""
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def panel_formats(X):
    """The same series in every unequal-length container the estimators accept."""
    frames = [pd.DataFrame(s) for s in X]
    return {
        "list": X,
        "df-list": frames,
        "nested_univ": convert_to(frames, to_type="nested_univ"),
        "pd-multiindex": convert_to(frames, to_type="pd-multiindex"),
    }


class FailOnSecondFit(keras.callbacks.Callback):
    """A callback whose second training run fails: a failure inside fit."""

    def __init__(self):
        super().__init__()
        self.fits = 0

    def on_train_begin(self, logs=None):
        self.fits += 1
        if self.fits > 1:
            raise RuntimeError("training failed")


@pytest.fixture
def panel():
    return make_unequal_panel()


TINY = {
    "units": (4,),
    "dense_units": (4,),
    "n_epochs": 2,
    "batch_size": 4,
    "random_state": 0,
}


@pytest.fixture
def tiny_params():
    return dict(TINY)


@pytest.fixture(scope="session")
def fitted_classifier():
    """One fitted classifier shared by read-only tests."""
    from sktime_varlstm import LSTMClassifier

    X, y = make_unequal_panel()
    return LSTMClassifier(**TINY).fit(X, y), X, y
