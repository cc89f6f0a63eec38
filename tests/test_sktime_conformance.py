"""sktime's shared conformance suite, every parameter set of get_test_params."""

import pytest
from conftest import all_estimators
from sktime.utils.estimator_checks import check_estimator, parametrize_with_checks


@pytest.mark.slow
@pytest.mark.usefixtures("every_architecture_kept")
@parametrize_with_checks(all_estimators())
def test_sktime_conformance(obj, test_name):
    check_estimator(obj, tests_to_run=test_name, raise_exceptions=True)
