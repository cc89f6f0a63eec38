"""Bad input names the problem, and a failed call leaves the estimator intact.

Every case runs over every estimator of the package (``CASES`` in conftest):
panel estimators get the bad panels of ``BAD_X``, the one-series detector the
bad series of ``BAD_SERIES``; a kind of bad input that cannot be given to the
other kind is skipped, by name, with its reason in ``NOT_APPLICABLE``.
"""

import numpy as np
import pandas as pd
import pytest
import scipy.sparse
from conftest import CASES, FailOnSecondFit
from sklearn.exceptions import NotFittedError


def test_unfitted_estimator_raises_not_fitted(case):
    X, _ = case.make_data()
    estimator = case.make()
    for method in case.predict_methods:
        with pytest.raises(NotFittedError, match="has not been fitted"):
            getattr(estimator, method)(X)


def _with_nan(X):
    X = [s.copy() for s in X]
    X[3].flat[5] = np.nan
    return X


def _replace(X, position, series):
    return X[:position] + [series] + X[position + 1 :]


def _step_shape(X):
    return X[0].shape[1:]


def _wider(step_shape):
    """A time step of another shape: one channel more, or a larger frame."""
    if len(step_shape) == 1:
        return (step_shape[0] + 1,)
    return (step_shape[0], step_shape[1] + 2, step_shape[2] + 2)


BAD_X = {
    "nan": (_with_nan, ValueError, "series 3 contains NaN"),
    "empty series": (
        lambda X: _replace(X, 2, np.zeros((0, *_step_shape(X)))),
        ValueError,
        "series 2 is empty",
    ),
    "non-numeric": (
        lambda X: _replace(X, 1, np.full((4, *_step_shape(X)), "x")),
        TypeError,
        "series 1 holds non-numeric",
    ),
    "wrong type": (lambda X: "not a panel", TypeError, "X must be"),
    "a number": (lambda X: 42, TypeError, "X must be"),
    "sparse": (
        lambda X: scipy.sparse.csr_array(np.ones((len(X), 5))),
        TypeError,
        "sparse input is not supported",
    ),
    "no series": (lambda X: [], ValueError, "no series"),
    "mixed step shapes": (
        lambda X: _replace(X, 5, np.zeros((4, *_wider(_step_shape(X))))),
        ValueError,
        "series 5 has time steps of shape",
    ),
}


def _series_with_nan(X):
    X = X.copy()
    X[5, 0] = np.nan
    return X


BAD_SERIES = {
    "nan": (_series_with_nan, ValueError, "missing or infinite values"),
    "empty series": (
        lambda X: X[:0],
        ValueError,
        "The series has 0 steps",
    ),
    "wrong type": (lambda X: "not a series", TypeError, "sktime compatible format"),
    "a number": (lambda X: 42, TypeError, "sktime compatible format"),
    "a panel": (
        lambda X: [pd.DataFrame(X[:20]), pd.DataFrame(X[:30])],
        TypeError,
        "scitype of obj, which is Panel",
    ),
}
NOT_APPLICABLE = {
    ("series", "non-numeric"): (
        "not named by the library: numpy's 'could not convert string to float' "
        "(check_one_series does not check the dtype)"
    ),
    ("series", "sparse"): "sktime refuses it before the library sees it",
    ("series", "no series"): "one series: an empty one is 'empty series'",
    ("series", "mixed step shapes"): "one array has one step shape",
    ("panel", "a panel"): "a panel is what these estimators take",
}


def _bad_input(case, bad):
    """``(change, error, message)`` of a kind of bad input for this case."""
    bad_inputs = BAD_X if case.input_kind == "panel" else BAD_SERIES
    if bad not in bad_inputs:
        pytest.skip(f"{case.estimator}: {NOT_APPLICABLE[case.input_kind, bad]}")
    return bad_inputs[bad]


def _assert_unchanged(case, estimator, X, before, model):
    assert estimator.is_fitted and estimator.model_ is model
    np.testing.assert_array_equal(case.score(estimator, X), before)


def test_every_bad_input_applies_or_says_why_not():
    for kind, bad_inputs in (("panel", BAD_X), ("series", BAD_SERIES)):
        for bad in {**BAD_X, **BAD_SERIES}:
            assert (bad in bad_inputs) != ((kind, bad) in NOT_APPLICABLE), (kind, bad)


@pytest.mark.parametrize("bad", {**BAD_X, **BAD_SERIES})
def test_bad_fit_input_is_named_and_fitted_state_survives(fitted_case, bad):
    case, estimator, X, y = fitted_case
    change, error, message = _bad_input(case, bad)
    before, model = case.score(estimator, X), estimator.model_
    bad_X = change(X)
    bad_y = y
    if y is not None and isinstance(bad_X, list):
        bad_y = y[: len(bad_X)]  # as many labels as series
    with pytest.raises(error, match=message):
        case.fit(estimator, bad_X, bad_y)
    _assert_unchanged(case, estimator, X, before, model)


@pytest.mark.parametrize("bad", {**BAD_X, **BAD_SERIES})
def test_bad_predict_input_is_named(fitted_case, bad):
    case, estimator, X, _ = fitted_case
    change, error, message = _bad_input(case, bad)
    before, model = case.score(estimator, X), estimator.model_
    for method in case.predict_methods:
        with pytest.raises(error, match=message):
            getattr(estimator, method)(change(X))
    _assert_unchanged(case, estimator, X, before, model)


def test_another_step_shape_than_in_fit_is_named(fitted_case):
    case, estimator, X, _ = fitted_case
    if case.input_kind == "series":
        for method in case.predict_methods:
            with pytest.raises(ValueError, match=r"2 channel\(s\); .* fitted on 1"):
                getattr(estimator, method)(np.zeros((12, 2)))
        return
    other = [np.zeros((5, *_wider(_step_shape(X))), "float32")]
    for method in case.predict_methods:
        with pytest.raises(ValueError, match="but the estimator was fitted on"):
            getattr(estimator, method)(other)
    if len(_step_shape(X)) == 1:
        with pytest.raises(ValueError, match="X has channels 3 but .* fitted on 2"):
            getattr(estimator, case.predict_methods[0])(other)


def test_labels_of_another_length_than_X_are_named(fitted_case):
    case, estimator, X, y = fitted_case
    if y is None:
        pytest.skip("an unsupervised detector takes no labels")
    before, model = case.score(estimator, X), estimator.model_
    kind = "targets" if case.is_regressor else "labels"
    with pytest.raises(ValueError, match=f"y has {len(y) - 1} {kind}"):
        estimator.fit(X, y[:-1])
    _assert_unchanged(case, estimator, X, before, model)


def test_a_continuous_target_is_refused_by_classifiers(fitted_case):
    case, estimator, X, y = fitted_case
    if y is None:
        pytest.skip("an unsupervised detector takes no labels")
    if case.is_regressor:
        pytest.skip("a regressor's target is continuous (test_non_finite_targets...)")
    before, model = case.score(estimator, X), estimator.model_
    with pytest.raises(ValueError, match="Unknown label type: 'continuous'"):
        estimator.fit(X, np.linspace(0, 1, len(y)))
    _assert_unchanged(case, estimator, X, before, model)


def test_failure_inside_training_restores_state(case):
    X, y = case.make_data()
    estimator = case.fit(case.make(callbacks=[FailOnSecondFit()]), X, y)
    before, model = case.score(estimator, X), estimator.model_
    with pytest.raises(RuntimeError, match="training failed"):
        case.fit(estimator, X, y)
    _assert_unchanged(case, estimator, X, before, model)


# Parameter values refused at the start of fit: (parameters, message).
BAD_PARAMETERS = {
    "LSTMClassifier": [
        ({"n_epochs": 0}, "'n_epochs' parameter .* range"),
        ({"units": ()}, "'units' parameter .* non-empty tuple"),
        ({"dropout": 1.0}, r"'dropout' parameter .* range \[0, 1\)"),
        ({"random_crop": 1.5}, r"'random_crop' parameter .* range \(0, 1\]"),
        ({"batching": "buckets"}, "'batching' parameter .* must be one of"),
    ],
    "LSTMFCNClassifier": [
        ({"normalization": "layer"}, "'normalization' parameter .* must be one of"),
        ({"pooling": ("average", "median")}, "'pooling' parameter .* must be one of"),
        ({"pooling": ()}, "'pooling' parameter .* non-empty tuple"),
        ({"random_crop": 1.5}, r"'random_crop' parameter .* range \(0, 1\]"),
        ({"kernel_sizes": (3,)}, "one entry per convolution block"),
    ],
    "DilatedConvClassifier": [
        ({"n_epochs": "many"}, r"'n_epochs' parameter .* one of \('auto',\)"),
        ({"filters": (4,)}, "'filters' parameter .* an int in the range"),
        ({"dilations": ()}, "'dilations' parameter .* non-empty tuple"),
        ({"input_scaling": "global"}, "'input_scaling' parameter .* one of"),
        ({"learning_rate_schedule": "step"}, "'learning_rate_schedule' parameter"),
        ({"pooling": ("median",)}, "'pooling' parameter .* must be one of"),
        ({"pool_blocks": "first"}, "'pool_blocks' parameter .* must be one of"),
    ],
    "ConvLSTMClassifier": [
        ({"kernel_size": (3,)}, "'kernel_size' parameter .* tuple of 2 ints"),
        ({"data_format": "NCHW"}, "'data_format' parameter .* must be one of"),
        ({"frame_shape": (6, 6)}, "'frame_shape' parameter .* tuple of 3 ints"),
    ],
    "LSTMAnomalyDetector": [
        ({"contamination": value}, r"'contamination' parameter .* range \(0, 0.5\]")
        for value in (0, 0.6, -0.1, "auto", None, True)
    ]
    + [
        ({"series_score": "median_error"}, "'series_score' parameter .* one of"),
        ({"step_error": "absolute"}, "'step_error' parameter .* must be one of"),
        ({"normalize_each_series": "yes"}, "'normalize_each_series' parameter"),
    ],
    "DilatedConvRegressor": [
        ({"head": "softmax"}, "'head' parameter .* must be one of"),
        ({"n_epochs": "many"}, r"'n_epochs' parameter .* one of \('auto',\)"),
        ({"dilations": ()}, "'dilations' parameter .* non-empty tuple"),
        ({"input_scaling": "global"}, "'input_scaling' parameter .* one of"),
    ],
    "LSTMRegressor": [
        ({"head": "softmax"}, "'head' parameter .* must be one of"),
        ({"units": ()}, "'units' parameter .* non-empty tuple"),
        ({"dropout": 1.0}, r"'dropout' parameter .* range \[0, 1\)"),
    ],
    "LSTMEarlyClassifier": [
        ({"threshold": 1.5}, r"'threshold' parameter .* range \[0, 1\]"),
        ({"threshold": "best"}, "'threshold' parameter"),
        ({"consecutive": 0}, "'consecutive' parameter .* range"),
        ({"input_scaling": "series"}, "'input_scaling' parameter"),
        ({"rule": 0.9}, "'rule' parameter .* Callable"),
    ],
    "DilatedConvEarlyClassifier": [
        ({"threshold": -0.1}, r"'threshold' parameter .* range \[0, 1\]"),
        ({"kernel_size": 0}, "'kernel_size' parameter .* range"),
        ({"dilations": ()}, "'dilations' parameter .* non-empty tuple"),
        ({"input_scaling": "series_and_channels"}, "'input_scaling' parameter"),
    ],
    "LSTMSeriesDetector": [
        ({"window_length": 1}, r"'window_length' parameter .* range \[2, inf\)"),
        ({"stride": 0}, "'stride' parameter"),
        ({"score_window": 2.5}, "'score_window' parameter"),
        ({"difference": "yes"}, "'difference' parameter"),
        ({"contamination": 0.6}, r"'contamination' parameter .* range \(0, 0.5\]"),
    ],
}


def test_non_finite_targets_are_refused_by_regressors(fitted_case):
    case, estimator, X, y = fitted_case
    if not case.is_regressor:
        pytest.skip("classifiers refuse continuous targets (the test above)")
    before, model = case.score(estimator, X), estimator.model_
    for bad, name in ((np.nan, "NaN"), (np.inf, "inf")):
        target = y.copy()
        target[3] = bad
        with pytest.raises(ValueError, match=name):
            estimator.fit(X, target)
        _assert_unchanged(case, estimator, X, before, model)


def test_every_estimator_has_bad_parameter_cases():
    assert set(BAD_PARAMETERS) == set(CASES)


def test_bad_parameter_is_named_and_fitted_state_survives(fitted_case):
    case, estimator, X, y = fitted_case
    before, model = case.score(estimator, X), estimator.model_
    valid = estimator.get_params()
    for changes, message in BAD_PARAMETERS[case.estimator]:
        # attributes, not set_params: sktime's set_params resets a fitted estimator
        for name, value in changes.items():
            setattr(estimator, name, value)
        with pytest.raises(ValueError, match=message):
            case.fit(estimator, X, y)
        for name in changes:
            setattr(estimator, name, valid[name])
        _assert_unchanged(case, estimator, X, before, model)
    # and an unfitted estimator stays unfitted
    changes, message = BAD_PARAMETERS[case.estimator][0]
    fresh = case.make(**changes)
    with pytest.raises(ValueError, match=message):
        case.fit(fresh, X, y)
    assert not fresh.is_fitted
