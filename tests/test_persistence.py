"""Round trips keep the trained network: identical outputs afterwards.

Every test runs over every estimator of the package (``CASES`` in conftest).
"""

import copy
import io
import pickle

import joblib
import numpy as np
import pytest
from sktime.base import load

ROUND_TRIPS = {
    "pickle": lambda est: pickle.loads(pickle.dumps(est)),
    "deepcopy": copy.deepcopy,
    "joblib": lambda est: _joblib_round_trip(est),
    "sktime save/load in memory": lambda est: load(est.save()),
}


def _joblib_round_trip(est):
    buffer = io.BytesIO()
    joblib.dump(est, buffer)
    buffer.seek(0)
    return joblib.load(buffer)


def _assert_same_outputs(case, restored, original, X):
    for method in case.predict_methods:
        expected, found = getattr(original, method)(X), getattr(restored, method)(X)
        if isinstance(expected, list):  # per-step scores: one array per series
            for one, other in zip(expected, found, strict=True):
                np.testing.assert_array_equal(other, one)
        else:
            np.testing.assert_array_equal(found, expected)


@pytest.mark.parametrize("trip", ROUND_TRIPS)
def test_round_trip_keeps_the_trained_network(fitted_case, trip):
    case, estimator, X, _ = fitted_case
    restored = ROUND_TRIPS[trip](estimator)
    assert restored.is_fitted and restored.model_ is not estimator.model_
    _assert_same_outputs(case, restored, estimator, X)


def test_sktime_save_to_file(fitted_case, tmp_path):
    case, estimator, X, _ = fitted_case
    estimator.save(tmp_path / "estimator")
    restored = load(tmp_path / "estimator.zip")
    _assert_same_outputs(case, restored, estimator, X)


def test_restored_estimator_can_be_refitted(fitted_case):
    case, estimator, X, y = fitted_case
    restored = pickle.loads(pickle.dumps(estimator))
    case.fit(restored, X[:12], None if y is None else y[:12])
    assert (
        case.score(restored, X).shape == (len(X),) + case.score(estimator, X).shape[1:]
    )
