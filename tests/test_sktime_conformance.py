"""sktime's shared conformance suite, every parameter set of get_test_params."""

from sktime.utils.estimator_checks import check_estimator, parametrize_with_checks

from sktime_varlstm import LSTMClassifier, LSTMSeriesDetector
from sktime_varlstm._convlstm_classifier import ConvLSTMClassifier

ESTIMATORS = [LSTMClassifier, ConvLSTMClassifier, LSTMSeriesDetector]


@parametrize_with_checks(ESTIMATORS)
def test_sktime_conformance(obj, test_name):
    check_estimator(obj, tests_to_run=test_name, raise_exceptions=True)
