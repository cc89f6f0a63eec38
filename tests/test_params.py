"""Parameters: declared once, validated at the start of fit, documented alike."""

import inspect
import re

import numpy as np
import pytest
from conftest import all_estimators

from sktime_varlstm import LSTMClassifier, LSTMFCNClassifier, LSTMSeriesDetector
from sktime_varlstm.base import (
    SHARED_PARAMETER_DOCS,
    TRAINING_CONSTRAINTS,
    Interval,
    Options,
    Sequence,
    validate_parameters,
)
from sktime_varlstm.detection._series_detector import FIXED_TRAINING_PARAMETERS

ESTIMATORS = all_estimators()
# shared parameters whose defaults each estimator chose on its own data
OWN_DEFAULTS = {"n_epochs", "learning_rate", "batch_size"}
# shared parameters an estimator fixes (and says why, next to the constant)
FIXED = {LSTMSeriesDetector: set(FIXED_TRAINING_PARAMETERS)}


def _signature(estimator):
    return inspect.signature(estimator.__init__).parameters


def test_every_estimator_has_the_shared_training_parameters_with_one_default():
    for name in TRAINING_CONSTRAINTS:
        having = [e for e in ESTIMATORS if name not in FIXED.get(e, ())]
        defaults = {e.__name__: _signature(e)[name].default for e in having}
        if name not in OWN_DEFAULTS:
            assert len(set(map(repr, defaults.values()))) == 1, (name, defaults)


def test_every_parameter_has_constraints_and_documentation():
    for estimator in ESTIMATORS:
        names = [n for n in _signature(estimator) if n != "self"]
        assert sorted(names) == sorted(estimator._hyperparameter_constraints), estimator
        doc = estimator.__doc__
        assert "{shared parameters}" not in doc
        for name in names:
            default = repr(_signature(estimator)[name].default)
            entry = re.search(rf"^    {name} : .*, default=(.*)$", doc, re.M)
            assert entry, (estimator.__name__, name)
            shown = entry.group(1).replace('"', "'")  # either quote in docs
            assert shown == default, (estimator.__name__, name)


def test_shared_parameter_text_is_the_same_in_every_docstring():
    for name, (_, description) in SHARED_PARAMETER_DOCS.items():
        indented = "\n".join(f"        {line}" for line in description.splitlines())
        having = [e for e in ESTIMATORS if name in _signature(e)]
        assert having, name
        for estimator in having:
            assert indented in estimator.__doc__, (estimator.__name__, name)


BAD_VALUES = {
    "n_epochs": [0, -1, 2.5, "10", True],
    "batch_size": [0, None],
    "batching": ["buckets", None],
    "max_timesteps_per_batch": [0, 1.5],
    "learning_rate": [-0.1, "fast"],
    "validation_split": [1, -0.1, None],
    "early_stopping_patience": [0, 1.5],
    "random_state": [-1, 1.5, "seed"],
    "verbose": [-1, "loud"],
    "distribution_strategy": ["tpu", "Mirrored", 2],
    "optimizer": [3, None],
    "callbacks": ["EarlyStopping"],
}


@pytest.mark.parametrize("estimator", ESTIMATORS, ids=lambda e: e.__name__)
@pytest.mark.parametrize("name", BAD_VALUES)
def test_bad_training_parameter_is_named(estimator, name):
    if name in FIXED.get(estimator, ()):
        pytest.skip(f"{estimator.__name__} fixes {name}")
    for value in BAD_VALUES[name]:
        with pytest.raises(ValueError, match=rf"The '{name}' parameter of"):
            validate_parameters(estimator(**{name: value}))


@pytest.mark.parametrize("estimator", ESTIMATORS, ids=lambda e: e.__name__)
def test_defaults_and_test_parameters_are_valid(estimator):
    validate_parameters(estimator())
    for params in estimator.get_test_params():
        validate_parameters(estimator(**params))


@pytest.mark.parametrize("crop", [0, 1.5, -0.2, "half", True])
def test_bad_random_crop_is_named(crop):
    for estimator in (LSTMClassifier, LSTMFCNClassifier):
        with pytest.raises(ValueError, match=r"'random_crop' parameter .* \(0, 1\]"):
            validate_parameters(estimator(random_crop=crop))
        validate_parameters(estimator(random_crop=None))
        validate_parameters(estimator(random_crop=1))


def test_the_message_says_what_is_allowed_and_what_was_given():
    with pytest.raises(ValueError) as error:
        validate_parameters(LSTMClassifier(units=(4, 0)))
    assert str(error.value) == (
        "The 'units' parameter of LSTMClassifier must be a non-empty tuple of "
        "ints in the range [1, inf); got (4, 0)."
    )


def test_constraints():
    assert Interval(int, 1, None).is_satisfied_by(np.int64(3))
    assert not Interval(int, 1, None).is_satisfied_by(True)
    assert Interval(float, 0, 1, "left").is_satisfied_by(0)
    assert not Interval(float, 0, 1, "left").is_satisfied_by(1.0)
    assert str(Interval(float, 0, 0.5, "right")) == "a float in the range (0, 0.5]"
    assert Options(("a", "b")).is_satisfied_by("a")
    assert not Options(("a", "b")).is_satisfied_by(["a"])  # unhashable: no error
    assert Sequence(Interval(int, 1), length=2).is_satisfied_by([3, 3])
    assert not Sequence(Interval(int, 1), length=2).is_satisfied_by((3,))
