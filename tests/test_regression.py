"""The regressors: scikit-learn's regressor protocol, the target's scale, 2-D
targets, bad targets, and that they learn a number a series carries."""

import pickle

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone, is_regressor
from sklearn.metrics import r2_score

from sktime_varlstm import DilatedConvRegressor, LSTMRegressor

TINY = {
    DilatedConvRegressor: {"filters": 4, "dilations": (1, 2), "batch_size": 8},
    LSTMRegressor: {"units": (4,), "dense_units": (), "batch_size": 8},
}
REGRESSORS = list(TINY)


def sine_panel(n_series=48, seed=0):
    """Noisy sines of 12-40 steps, two channels; the target: their frequency."""
    rng = np.random.default_rng(seed)
    frequency = rng.uniform(0.05, 0.3, n_series)
    X = []
    for f, length in zip(frequency, rng.integers(12, 40, n_series), strict=True):
        steps = np.arange(length)
        phase = rng.uniform(0, 2 * np.pi)
        waves = [np.sin(2 * np.pi * f * steps + phase), rng.normal(0, 1, length)]
        X.append(np.stack(waves, axis=1).astype("float32"))
    return X, frequency


def tiny(cls, **params):
    return cls(**{**TINY[cls], "n_epochs": 3, "random_state": 0, **params})


@pytest.fixture(scope="module")
def panel():
    return sine_panel()


@pytest.fixture(scope="module", params=REGRESSORS, ids=lambda c: c.__name__)
def fitted(request, panel):
    X, y = panel
    return tiny(request.param).fit(X, y)


def test_scikit_learn_sees_a_regressor_whose_score_is_r2(fitted, panel):
    X, y = panel
    assert is_regressor(fitted)
    assert fitted.__sklearn_tags__().estimator_type == "regressor"
    assert fitted.score(X, y) == pytest.approx(r2_score(y, fitted.predict(X)))
    assert fitted.predict(X).shape == (len(X),)
    assert fitted.predict(X).dtype.kind == "f"


@pytest.mark.parametrize("cls", REGRESSORS, ids=lambda c: c.__name__)
def test_the_scale_of_y_does_not_matter(cls, panel):
    X, y = panel
    small = tiny(cls).fit(X, y).predict(X[:8])
    large = tiny(cls).fit(X, 1000 * y - 7).predict(X[:8])
    np.testing.assert_allclose(large, 1000 * small - 7, rtol=1e-3, atol=1e-2)


@pytest.mark.parametrize("cls", REGRESSORS, ids=lambda c: c.__name__)
def test_several_targets_train_one_network(cls, panel):
    X, y = panel
    Y = np.stack([y, -2 * y], axis=1)
    regressor = tiny(cls).fit(X, Y)
    predictions = regressor.predict(X[:5])
    assert predictions.shape == (5, 2)
    assert regressor.target_mean_.shape == (2,)
    assert regressor.model_.output.shape[-1] == 2


@pytest.mark.parametrize(
    ("y", "message"),
    [
        (lambda y: np.where(np.arange(len(y)) == 3, np.nan, y), "finite"),
        (lambda y: np.where(np.arange(len(y)) == 3, np.inf, y), "finite"),
        (lambda y: y.astype(str), "must hold numbers"),
        (lambda y: y > 0.1, "must hold numbers"),
        (lambda y: y + 1j, "complex"),
        (lambda y: y[:-1], "must match"),
        (lambda y: None, "requires y"),
        (lambda y: y.reshape(-1, 1, 1), "one- or two-dimensional"),
    ],
    ids=["nan", "inf", "strings", "booleans", "complex", "length", "none", "3-d"],
)
def test_bad_targets_are_named_and_leave_the_fitted_state(fitted, panel, y, message):
    X, good = panel
    before = fitted.predict(X[:4])
    with pytest.raises(ValueError, match=message):
        fitted.fit(X, y(good))
    np.testing.assert_array_equal(fitted.predict(X[:4]), before)


@pytest.mark.parametrize("cls", REGRESSORS, ids=lambda c: c.__name__)
def test_every_panel_container_gives_the_same_predictions(cls, panel):
    from sktime.datatypes import convert_to

    X, y = panel
    regressor = tiny(cls).fit(X, y)
    expected = regressor.predict(X[:6])
    frames = [pd.DataFrame(s) for s in X[:6]]
    for mtype in ("df-list", "nested_univ", "pd-multiindex"):
        container = convert_to(frames, to_type=mtype)
        np.testing.assert_allclose(regressor.predict(container), expected, atol=1e-5)
    equal = [s[:12] for s in X[:6]]
    numpy3d = np.stack([s.T for s in equal])
    np.testing.assert_allclose(
        regressor.predict(numpy3d), regressor.predict(equal), atol=1e-5
    )


def test_round_trips_keep_the_network_and_the_target_scale(fitted, panel):
    X, _ = panel
    copy = pickle.loads(pickle.dumps(fitted))
    np.testing.assert_array_equal(copy.predict(X[:6]), fitted.predict(X[:6]))
    unfitted = clone(fitted)
    assert not unfitted.is_fitted


@pytest.mark.parametrize("cls", REGRESSORS, ids=lambda c: c.__name__)
def test_the_same_random_state_gives_the_same_network(cls, panel):
    X, y = panel
    first = tiny(cls).fit(X, y).predict(X[:6])
    np.testing.assert_array_equal(tiny(cls).fit(X, y).predict(X[:6]), first)


@pytest.mark.parametrize("cls", REGRESSORS, ids=lambda c: c.__name__)
def test_verbose_prints_epochs_quiet_prints_nothing(cls, panel, capfd):
    X, y = panel
    tiny(cls, n_epochs=2, verbose=2).fit(X, y)
    assert "Epoch 2/2" in capfd.readouterr().out
    tiny(cls, n_epochs=2).fit(X, y)
    assert capfd.readouterr().out == ""


@pytest.mark.parametrize(
    ("cls", "params"),
    [
        (DilatedConvRegressor, {"n_epochs": 40, "filters": 8}),
        (LSTMRegressor, {"n_epochs": 60, "units": (16,), "learning_rate": 0.01}),
    ],
    ids=["DilatedConvRegressor", "LSTMRegressor"],
)
def test_the_frequency_of_unseen_sines_is_learnt(cls, params):
    X, y = sine_panel(n_series=96, seed=1)
    regressor = tiny(cls, **params).fit(X[:64], y[:64])
    # predicting the training mean scores about 0; a network that learnt
    # nothing cannot pass 0.5
    assert regressor.score(X[64:], y[64:]) > 0.5
