"""Round trips keep the trained network: identical predictions afterwards."""

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


@pytest.mark.parametrize("trip", ROUND_TRIPS)
def test_round_trip_keeps_the_trained_network(fitted_classifier, trip):
    clf, X, _ = fitted_classifier
    restored = ROUND_TRIPS[trip](clf)
    assert restored.model_ is not clf.model_
    np.testing.assert_array_equal(restored.predict_proba(X), clf.predict_proba(X))
    np.testing.assert_array_equal(restored.predict(X), clf.predict(X))


def test_sktime_save_to_file(fitted_classifier, tmp_path):
    clf, X, _ = fitted_classifier
    clf.save(tmp_path / "clf")
    restored = load(tmp_path / "clf.zip")
    np.testing.assert_array_equal(restored.predict_proba(X), clf.predict_proba(X))


def test_lstm_fcn_network_round_trip(panel, tiny_params):
    from sktime_varlstm import LSTMFCNClassifier

    X, y = panel
    clf = LSTMFCNClassifier(**tiny_params, filters=(3,), kernel_sizes=(3,)).fit(X, y)
    restored = pickle.loads(pickle.dumps(clf))
    np.testing.assert_array_equal(restored.predict_proba(X), clf.predict_proba(X))


def test_restored_estimator_can_be_refitted(fitted_classifier):
    clf, X, y = fitted_classifier
    restored = pickle.loads(pickle.dumps(clf))
    restored.fit(X[:12], y[:12])
    assert restored.predict(X).shape == (len(X),)
