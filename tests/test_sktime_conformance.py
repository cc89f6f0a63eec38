"""sktime's shared conformance suite.

Every test of the suite runs on each estimator's first parameter set of
``get_test_params`` (the tiny defaults); the other parameter sets (the
alternative batching, heads, scalings and pooling) go through sktime's
``test_fit_idempotent``: fit, predict, refit, the same predictions again,
on every input scenario. Every test on every set would take twice as long
and check the same code again (pickling, deep copies, tags and parameters
do not depend on the parameter values).
"""

import pytest
import sktime
from conftest import all_estimators
from packaging.version import Version
from sktime.regression.base import BaseRegressor
from sktime.utils.estimator_checks import check_estimator, parametrize_with_checks


def _parameter_sets(estimator_class):
    params = estimator_class.get_test_params()
    return params if isinstance(params, list) else [params]


# sktime before 1.2 asks a regressor with the multioutput capability for the
# per-column regressors_ of a vectorised one (the condition inverted, fixed in
# 1.2); the native 2-D targets are tested in tests/test_regression.py
_OLD_SKTIME_MULTIOUTPUT = Version(sktime.__version__) < Version("1.2")


def _excused(obj):
    """The tests an estimator's "tests:skip_by_name" tag excuses (with reasons)."""
    excused = list(obj.get_tag("tests:skip_by_name", None, raise_error=False) or [])
    if _OLD_SKTIME_MULTIOUTPUT and isinstance(obj, BaseRegressor):
        excused.append("test_multioutput")
    return excused


FIRST = [cls(**_parameter_sets(cls)[0]) for cls in all_estimators()]
OTHERS = [
    obj
    for cls in all_estimators()
    for obj in (cls(**params) for params in _parameter_sets(cls)[1:])
    if "test_fit_idempotent" not in _excused(obj)
]

# sktime's own parametrisation, less the excused tests, with ids that name
# the estimator
_PAIRS = [
    (obj, test_name)
    for obj, test_name in parametrize_with_checks(FIRST).args[1]
    if test_name not in _excused(obj)
]


@pytest.mark.slow
@pytest.mark.usefixtures("every_architecture_kept")
@pytest.mark.parametrize(
    "obj, test_name",
    _PAIRS,
    ids=[f"{type(obj).__name__}-{test_name}" for obj, test_name in _PAIRS],
)
def test_sktime_conformance(obj, test_name):
    check_estimator(obj, tests_to_run=test_name, raise_exceptions=True)


@pytest.mark.slow
@pytest.mark.usefixtures("every_architecture_kept")
@pytest.mark.parametrize("obj", OTHERS, ids=[type(obj).__name__ for obj in OTHERS])
def test_sktime_fit_idempotent_on_the_other_parameter_sets(obj):
    check_estimator(obj, tests_to_run="test_fit_idempotent", raise_exceptions=True)
