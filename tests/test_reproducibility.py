"""The same ``random_state`` gives the same network; another gives another.

The first two tests run over every estimator of the package (``CASES``).
"""

import numpy as np
import pytest

from sktime_varlstm import LSTMClassifier, LSTMFCNClassifier


def test_same_random_state_same_outputs(fitted_case):
    case, estimator, X, y = fitted_case
    again = case.fit(case.make(), X, y)
    np.testing.assert_array_equal(case.score(again, X), case.score(estimator, X))


def test_different_random_state_different_network(fitted_case):
    case, estimator, X, y = fitted_case
    other = case.fit(case.make(random_state=1), X, y)
    assert not np.allclose(case.score(other, X), case.score(estimator, X))


@pytest.mark.parametrize("batching", ["per_sample", "bucket", "pad"])
def test_same_random_state_with_every_batching(panel, tiny_params, batching):
    X, y = panel
    params = dict(tiny_params, batching=batching, validation_split=0.25)
    first = LSTMClassifier(**params).fit(X, y).predict_proba(X)
    second = LSTMClassifier(**params).fit(X, y).predict_proba(X)
    np.testing.assert_array_equal(first, second)


@pytest.mark.parametrize("estimator", [LSTMClassifier, LSTMFCNClassifier])
def test_random_crop_is_reproducible_and_changes_training(
    panel, tiny_params, estimator
):
    X, y = panel
    params = dict(tiny_params, random_crop=0.6)
    if estimator is LSTMFCNClassifier:
        params.update(filters=(4,), kernel_sizes=(3,))
    first = estimator(**params).fit(X, y).predict_proba(X)
    second = estimator(**params).fit(X, y).predict_proba(X)
    np.testing.assert_array_equal(first, second)
    params["random_crop"] = None
    whole = estimator(**params).fit(X, y).predict_proba(X)
    assert not np.allclose(first, whole)
