"""sktime's shared conformance suite, every parameter set of get_test_params."""

from sktime.utils.estimator_checks import check_estimator, parametrize_with_checks

from sktime_varlstm import (
    ConvLSTMClassifier,
    LSTMAnomalyDetector,
    LSTMClassifier,
    LSTMFCNClassifier,
    LSTMSeriesDetector,
)

ESTIMATORS = [
    LSTMClassifier,
    LSTMFCNClassifier,
    ConvLSTMClassifier,
    LSTMAnomalyDetector,
    LSTMSeriesDetector,
]


@parametrize_with_checks(ESTIMATORS)
def test_sktime_conformance(obj, test_name):
    check_estimator(obj, tests_to_run=test_name, raise_exceptions=True)
