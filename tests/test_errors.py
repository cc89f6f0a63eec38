"""Bad input names the problem, and a failed call leaves the estimator intact."""

import numpy as np
import pytest
import scipy.sparse
from conftest import FailOnSecondFit
from sklearn.exceptions import NotFittedError

from sktime_varlstm import LSTMClassifier


def test_unfitted_estimator_raises_not_fitted(panel):
    X, _ = panel
    clf = LSTMClassifier()
    with pytest.raises(NotFittedError, match="has not been fitted"):
        clf.predict(X)
    with pytest.raises(NotFittedError):
        clf.predict_proba(X)


def _with_nan(X):
    X = [s.copy() for s in X]
    X[3][2, 1] = np.nan
    return X


BAD_FIT_INPUT = {
    "nan": (_with_nan, None, ValueError, "series 3 contains NaN"),
    "empty series": (
        lambda X: X[:2] + [np.zeros((0, 2))] + X[3:],
        None,
        ValueError,
        "series 2 is empty",
    ),
    "non-numeric": (
        lambda X: X[:1] + [np.array([["x", "y"]] * 4)] + X[2:],
        None,
        TypeError,
        "series 1 holds non-numeric",
    ),
    "length mismatch": (lambda X: X, lambda y: y[:-1], ValueError, "y has 23 labels"),
    "wrong type": (lambda X: "not a panel", None, TypeError, "X must be"),
    "no series": (lambda X: [], lambda y: y[:0], ValueError, "no series"),
    "sparse": (
        lambda X: scipy.sparse.csr_array(np.ones((24, 5))),
        None,
        TypeError,
        "sparse input is not supported",
    ),
    "continuous y": (
        lambda X: X,
        lambda y: np.linspace(0, 1, len(y)),
        ValueError,
        "Unknown label type: 'continuous'",
    ),
    "mixed channels": (
        lambda X: X[:5] + [np.zeros((4, 3))] + X[6:],
        None,
        ValueError,
        "same number of channels",
    ),
}


@pytest.mark.parametrize("case", BAD_FIT_INPUT)
def test_bad_fit_input_is_named_and_fitted_state_survives(fitted_classifier, case):
    clf, X, y = fitted_classifier
    change_X, change_y, error, message = BAD_FIT_INPUT[case]
    before = clf.predict_proba(X)
    model = clf.model_
    with pytest.raises(error, match=message):
        clf.fit(change_X(X), change_y(y) if change_y else y)
    assert clf.is_fitted and clf.model_ is model
    np.testing.assert_array_equal(clf.predict_proba(X), before)


BAD_PREDICT_INPUT = {
    "nan": (_with_nan, ValueError, "series 3 contains NaN"),
    "wrong channels": (
        lambda X: [np.zeros((5, 3))],
        ValueError,
        "X has channels 3 but the estimator was fitted on 2",
    ),
    "empty": (lambda X: [np.zeros((0, 2))], ValueError, "series 0 is empty"),
    "wrong type": (lambda X: 42, TypeError, "X must be"),
}


@pytest.mark.parametrize("case", BAD_PREDICT_INPUT)
def test_bad_predict_input_is_named(fitted_classifier, case):
    clf, X, _ = fitted_classifier
    change_X, error, message = BAD_PREDICT_INPUT[case]
    before = clf.predict_proba(X)
    for method in (clf.predict, clf.predict_proba):
        with pytest.raises(error, match=message):
            method(change_X(X))
    np.testing.assert_array_equal(clf.predict_proba(X), before)


def test_failure_inside_training_restores_state(panel, tiny_params):
    X, y = panel
    clf = LSTMClassifier(**tiny_params, callbacks=[FailOnSecondFit()]).fit(X, y)
    before, model = clf.predict_proba(X), clf.model_
    with pytest.raises(RuntimeError, match="training failed"):
        clf.fit(X, y)
    assert clf.is_fitted and clf.model_ is model
    np.testing.assert_array_equal(clf.predict_proba(X), before)


BAD_NETWORK_OPTIONS = [
    ({"network": "gru"}, "network must be one of"),
    ({"normalization": "layer"}, "normalization must be one of"),
    ({"pooling": ("average", "median")}, "pooling must name one or more of"),
    ({"pooling": ()}, "pooling must name one or more of"),
    ({"random_crop": 1.5}, "random_crop must be in"),
]


def test_bad_network_option_is_named_and_fitted_state_survives(panel, tiny_params):
    X, y = panel
    clf = LSTMClassifier(**tiny_params).fit(X, y)
    before, model = clf.predict_proba(X), clf.model_
    valid = {"network": "lstm_fcn", "normalization": "batch", "pooling": "max"}
    for params, message in BAD_NETWORK_OPTIONS:
        # attributes, not set_params: sktime's set_params resets a fitted estimator
        for name, value in {**valid, **params}.items():
            setattr(clf, name, value)
        with pytest.raises(ValueError, match=message):
            clf.fit(X, y)
        assert clf.is_fitted and clf.model_ is model
        np.testing.assert_array_equal(clf.predict_proba(X), before)
