import numpy as np
import pytest

from sktime_varlstm import LSTMClassifier


@pytest.mark.parametrize("batching", ["per_sample", "bucket", "pad"])
def test_same_random_state_same_probabilities(panel, tiny_params, batching):
    X, y = panel
    params = dict(tiny_params, batching=batching, validation_split=0.25)
    first = LSTMClassifier(**params).fit(X, y).predict_proba(X)
    second = LSTMClassifier(**params).fit(X, y).predict_proba(X)
    np.testing.assert_array_equal(first, second)


def test_different_random_state_different_network(panel, tiny_params):
    X, y = panel
    first = LSTMClassifier(**tiny_params).fit(X, y).predict_proba(X)
    params = dict(tiny_params, random_state=1)
    second = LSTMClassifier(**params).fit(X, y).predict_proba(X)
    assert not np.allclose(first, second)


def test_random_crop_is_reproducible_and_changes_training(panel, tiny_params):
    X, y = panel
    params = dict(tiny_params, random_crop=0.6)
    first = LSTMClassifier(**params).fit(X, y).predict_proba(X)
    second = LSTMClassifier(**params).fit(X, y).predict_proba(X)
    np.testing.assert_array_equal(first, second)
    whole = LSTMClassifier(**tiny_params).fit(X, y).predict_proba(X)
    assert not np.allclose(first, whole)
