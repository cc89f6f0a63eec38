"""The network-and-trees vote and the summary its trees learn from."""

import pickle

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone

from sktime_varlstm import LSTMClassifier
from sktime_varlstm.benchmarks.preprocessing import shape_and_log_amplitude
from sktime_varlstm.benchmarks.vote import log_amplitude_summary, network_and_trees


def test_summary_of_a_constant_series():
    (row,) = log_amplitude_summary([np.full(50, 2.0)])
    log_two = np.log(2.0 + 1e-4)
    np.testing.assert_allclose(row[:7], log_two, rtol=1e-6)  # percentiles
    np.testing.assert_allclose(row[7], np.log(50))
    np.testing.assert_allclose(row[8:10], np.log(1e-5), rtol=1e-6)  # no change
    np.testing.assert_allclose(row[10:], log_two, rtol=1e-6)  # both ends


def test_summary_percentiles_ends_and_channels():
    rising = np.linspace(1.0, 100.0, 40)
    quiet = np.full(40, 0.01)
    (row,) = log_amplitude_summary([np.stack([rising, quiet], axis=1)])
    assert row.shape == (24,)
    first, second = row[:12], row[12:]
    np.testing.assert_allclose(first[[0, 6]], np.log([1.0001, 100.0001]), atol=1e-5)
    assert np.all(np.diff(first[:7]) > 0)
    assert first[11] > first[10]  # the last 20 steps are louder than the first
    np.testing.assert_allclose(second[:7], np.log(0.0101), rtol=1e-5)
    assert first[7] == second[7] == pytest.approx(np.log(40))


def test_summary_accepts_the_estimators_input_formats():
    rng = np.random.default_rng(0)
    X3d = rng.normal(size=(3, 1, 25))
    as_list = [x.T for x in X3d]
    nested = pd.DataFrame({"c0": [pd.Series(x[0]) for x in X3d]})
    expected = log_amplitude_summary(as_list)
    assert expected.shape == (3, 12)
    np.testing.assert_allclose(log_amplitude_summary(X3d), expected)
    np.testing.assert_allclose(log_amplitude_summary(nested), expected)
    # a single time step has no step-to-step change; it still gets a row
    assert np.isfinite(log_amplitude_summary([np.ones((1, 1))])).all()


@pytest.mark.parametrize(
    ("X", "message"),
    [
        ([np.ones(5), np.array([1.0, np.nan, 2.0])], "series 1 contains NaN"),
        ([np.ones(5), np.ones((0, 1))], "series 1 is empty"),
        ([np.ones((5, 1)), np.ones((5, 2))], "same number of channels"),
        ([], "no series"),
    ],
)
def test_summary_names_bad_input(X, message):
    with pytest.raises(ValueError, match=message):
        log_amplitude_summary(X)


def _loud_and_quiet(n=16, seed=0):
    rng = np.random.default_rng(seed)
    lengths = rng.integers(10, 30, size=n)
    X = [
        rng.normal(size=(int(t), 1)) * (10.0 if i % 2 else 0.1)
        for i, t in enumerate(lengths)
    ]
    return X, np.array(["quiet", "loud"] * (n // 2))


def _vote(**kwargs):
    network = LSTMClassifier(units=(4,), dense_units=(4,), n_epochs=2, random_state=0)
    return network_and_trees(network, n_trees=20, random_state=0, **kwargs)


def test_vote_averages_the_network_and_the_trees():
    X, y = _loud_and_quiet()
    vote = _vote(network_preprocessing=shape_and_log_amplitude).fit(X, y)
    network = vote.named_estimators_["network"][-1]
    trees = vote.named_estimators_["trees"]
    assert network.n_channels_ == 2  # the network saw shape and log amplitude
    assert trees[-1].n_features_in_ == 12  # the trees saw the summary
    expected = (
        network.predict_proba(shape_and_log_amplitude(X)[0]) + trees.predict_proba(X)
    ) / 2
    np.testing.assert_allclose(vote.predict_proba(X), expected, rtol=1e-5)
    # amplitude alone tells the classes apart: the vote gets them all
    assert (vote.predict(X) == y).all()


def test_vote_clones_and_pickles_with_its_trained_network():
    X, y = _loud_and_quiet()
    vote = _vote(network_preprocessing=shape_and_log_amplitude)
    assert clone(vote).get_params()["network__lstmclassifier__n_epochs"] == 2
    vote.fit(X, y)
    restored = pickle.loads(pickle.dumps(vote))
    np.testing.assert_allclose(restored.predict_proba(X), vote.predict_proba(X))


def test_vote_without_preprocessing_gives_the_network_the_raw_series():
    X, y = _loud_and_quiet()
    vote = _vote().fit(X, y)
    assert vote.named_estimators_["network"][-1].n_channels_ == 1
