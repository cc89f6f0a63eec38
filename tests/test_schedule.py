"""n_epochs="auto" and the warm-up + cosine learning rate."""

import numpy as np
import pytest
from conftest import make_unequal_panel
from keras.ops import convert_to_numpy

from sktime_varlstm import DilatedConvClassifier, LSTMClassifier
from sktime_varlstm.training import AUTO_EPOCHS, auto_epochs, warmup_cosine

TINY = {"filters": 4, "dilations": (1,), "batch_size": 8, "random_state": 0}


def test_auto_epochs_follow_updates_then_time_steps_within_bounds():
    low, high = AUTO_EPOCHS["bounds"]
    assert auto_epochs([10] * 16, 16) == high  # 1 batch an epoch: 1,500 capped
    assert auto_epochs([100] * 160, 16) == 150  # 10 batches: 1,500 updates
    assert auto_epochs([1000] * 1000, 16) == low  # 1e6 steps an epoch
    # the time-step cap: 16 series of 50,000 steps, 6e6 / 8e5 -> 8 -> low
    assert auto_epochs([50_000] * 16, 16) == low
    assert auto_epochs([100] * 160, 16, updates=300, bounds=(1, 10)) == 10


def test_warmup_cosine_rises_peaks_and_falls_to_its_end():
    rates = [warmup_cosine(step, 200, 0.01) for step in range(200)]
    assert rates[0] == pytest.approx(0.001)
    assert max(rates) == pytest.approx(0.01)
    peak_at = int(np.argmax(rates))
    assert peak_at == 10  # 5% of 200 steps
    assert np.all(np.diff(rates[:peak_at]) > 0)
    assert np.all(np.diff(rates[peak_at:]) <= 0)
    assert rates[-1] == pytest.approx(1e-4)


def test_auto_epochs_in_fit_and_the_rate_ends_at_a_hundredth(monkeypatch):
    monkeypatch.setitem(AUTO_EPOCHS, "updates", 6)  # 2 batches an epoch: 3 epochs
    monkeypatch.setitem(AUTO_EPOCHS, "bounds", (1, 600))
    X, y = make_unequal_panel(n_series=16)
    clf = DilatedConvClassifier(**TINY, learning_rate=0.01).fit(X, y)
    assert clf.n_epochs_ == auto_epochs([len(s) for s in X], 8) == 3
    rate = float(convert_to_numpy(clf.model_.optimizer.learning_rate))
    assert rate == pytest.approx(1e-4, rel=1e-3)


def test_without_a_schedule_the_rate_stays():
    X, y = make_unequal_panel(n_series=16)
    clf = DilatedConvClassifier(
        **TINY, n_epochs=3, learning_rate=0.01, learning_rate_schedule=None
    ).fit(X, y)
    assert clf.n_epochs_ == 3
    rate = float(convert_to_numpy(clf.model_.optimizer.learning_rate))
    assert rate == pytest.approx(0.01)


def test_every_estimator_takes_auto_and_names_a_bad_value():
    clf = LSTMClassifier(units=(2,), dense_units=(), n_epochs="auto")
    assert clf._epochs_for([np.zeros((5, 1))] * 40) == auto_epochs([5] * 40, 32)
    with pytest.raises(ValueError, match="'n_epochs'.*'auto'.*got 'many'"):
        LSTMClassifier(n_epochs="many").fit(*make_unequal_panel())
