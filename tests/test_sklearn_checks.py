"""scikit-learn's own estimator checks, on the tiniest networks.

Only checks that cannot apply to time series are excused, each with its
reason; everything else must pass. sktime's suite is in
``test_sktime_conformance.py``.
"""

import pytest
from sklearn.utils.estimator_checks import parametrize_with_checks

from sktime_varlstm import (
    ConvLSTMClassifier,
    DilatedConvClassifier,
    LSTMAnomalyDetector,
    LSTMClassifier,
)

# learning_rate: check_class_weight_classifiers needs a fit that moves in 1 epoch
TINY = {"n_epochs": 1, "batch_size": 16, "learning_rate": 0.05, "random_state": 0}
ESTIMATORS = [
    LSTMClassifier(units=(2,), dense_units=(), **TINY),
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


def expected_failed_checks(estimator):
    if isinstance(estimator, LSTMAnomalyDetector):
        return EXCUSED
    return {**EXCUSED, **EXCUSED_CLASSIFIERS}


@pytest.mark.slow
@parametrize_with_checks(ESTIMATORS, expected_failed_checks=expected_failed_checks)
def test_sklearn_estimator_checks(estimator, check):
    check(estimator)
