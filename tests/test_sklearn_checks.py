"""scikit-learn's own estimator checks, on the tiniest networks.

Every estimator of the package goes through them. Only checks that cannot
apply to time series (or to sktime's detection API, for the one-series
detector) are excused, each by name with its reason; everything else must
pass. sktime's suite is in ``test_sktime_conformance.py``.

The early classifiers (``LSTMEarlyClassifier``,
``DilatedConvEarlyClassifier``) are not here: they follow sktime's early
classification API, whose ``predict`` returns ``(labels, decided)`` and
whose ``score`` returns three figures, so scikit-learn's classifier protocol
and every check built on it do not apply; sktime's suite checks them.
"""

import pytest
from sklearn.utils.estimator_checks import parametrize_with_checks

from sktime_varlstm import (
    ConvLSTMClassifier,
    DilatedConvClassifier,
    DilatedConvRegressor,
    LSTMAnomalyDetector,
    LSTMClassifier,
    LSTMFCNClassifier,
    LSTMRegressor,
    LSTMSeriesDetector,
)

# learning_rate: check_class_weight_classifiers needs a fit that moves in 1 epoch
TINY = {"n_epochs": 1, "batch_size": 16, "learning_rate": 0.05, "random_state": 0}
ESTIMATORS = [
    LSTMClassifier(units=(2,), dense_units=(), **TINY),
    # batch norm: one epoch moves too little (check_class_weight_classifiers)
    LSTMFCNClassifier(
        units=(2,), filters=(2,), kernel_sizes=(3,), **{**TINY, "n_epochs": 3}
    ),
    ConvLSTMClassifier(filters=(1,), dense_units=(), **TINY),  # (1, 1, 1) frames
    # constant learning rate, whole series as given: see the line above TINY
    DilatedConvClassifier(
        filters=2,
        dilations=(1,),
        input_scaling=None,
        random_crop=None,
        learning_rate_schedule=None,
        **{**TINY, "n_epochs": 3},  # batch norm: one epoch moves too little
    ),
    LSTMAnomalyDetector(units=(2,), **TINY),
    LSTMSeriesDetector(window_length=2, units=(2,), **TINY),
    DilatedConvRegressor(
        filters=2,
        dilations=(1,),
        input_scaling=None,
        random_crop=None,
        learning_rate_schedule=None,
        **{**TINY, "n_epochs": 3},
    ),
    LSTMRegressor(units=(2,), dense_units=(), **TINY),
]

SERIES_LENGTH = (
    "a 2-D X is (n_series, n_timepoints): its number of features is a series "
    "length, which may change, so n_features_in_ does not apply"
)
TRANSPOSED = (
    "predicting on X.T must fail there, but X.T is valid here: series of another length"
)
EXCUSED = {
    "check_n_features_in": SERIES_LENGTH,
    "check_n_features_in_after_fitting": SERIES_LENGTH,
    "check_classifiers_train": TRANSPOSED,
    "check_outliers_train": TRANSPOSED,
}
EXCUSED_CLASSIFIERS = {
    "check_no_attributes_set_in_init": (
        "sktime's BaseClassifier sets classes_, n_classes_ and fit_time_ in __init__"
    ),
}


EXCUSED_REGRESSORS = {
    "check_no_attributes_set_in_init": (
        "sktime's BaseRegressor sets fit_time_ in __init__"
    ),
}

ONE_SERIES = "a 1-D array is a valid univariate series, not an error"
TIME_ORDER = "rows are time points: a point's score depends on the steps before it"
DETECTION_API = (
    "sktime's detection API: predict gives the ilocs of the anomalies, "
    "not a -1/1 label per row"
)
NOT_AN_ARRAY = (
    "sktime's input check takes numpy and pandas containers, not the check's "
    "array-like _NotAnArray wrapper"
)
EXCUSED_SERIES_DETECTOR = {
    "check_n_features_in": "the detector records n_channels_, not n_features_in_",
    "check_n_features_in_after_fitting": (
        "the detector names a channel mismatch with n_channels_, not n_features_in_"
    ),
    "check_outliers_train": DETECTION_API,
    "check_outliers_fit_predict": DETECTION_API,
    "check_transformer_preserve_dtypes": (
        "transform gives the 0/1 labels of sktime's detection API, not features "
        "in X's dtype"
    ),
    "check_transformer_data_not_an_array": NOT_AN_ARRAY,
    "check_classifier_data_not_an_array": NOT_AN_ARRAY,
    "check_methods_sample_order_invariance": TIME_ORDER,
    "check_methods_subset_invariance": TIME_ORDER,
    "check_fit2d_1sample": (
        "fit needs window_length steps; its ValueError names window_length, "
        "not scikit-learn's 'n_samples' wording"
    ),
    "check_fit1d": ONE_SERIES,
    "check_fit2d_predict1d": ONE_SERIES,
}


def expected_failed_checks(estimator):
    if isinstance(estimator, LSTMSeriesDetector):
        return EXCUSED_SERIES_DETECTOR
    if isinstance(estimator, LSTMAnomalyDetector):
        return EXCUSED
    if isinstance(estimator, (DilatedConvRegressor, LSTMRegressor)):
        return {**EXCUSED, **EXCUSED_REGRESSORS}
    return {**EXCUSED, **EXCUSED_CLASSIFIERS}


@pytest.mark.slow
@pytest.mark.usefixtures("every_architecture_kept")
@parametrize_with_checks(ESTIMATORS, expected_failed_checks=expected_failed_checks)
def test_sklearn_estimator_checks(estimator, check):
    check(estimator)
