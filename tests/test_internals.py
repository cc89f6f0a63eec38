"""The fence around private TensorFlow/Keras/sklearn/sktime/skbase APIs.

Each use works on the versions installed, and when what it relies on is gone
it warns once, naming the versions, and falls back instead of failing.
"""

import types
import warnings

import numpy as np
import pytest

from sktime_varlstm.training import _internals
from sktime_varlstm.training._internals import (
    LayoutMismatch,
    build_training_state,
    check_detector_input,
    clear_kernel_cache,
    gradient_registry,
    paired_variables,
    skbase_not_fitted_error,
    sklearn_lent_attributes,
    warn_once,
)

# CI runs these on the oldest supported versions as well as the newest
pytestmark = pytest.mark.internals


@pytest.fixture(autouse=True)
def fresh_warnings():
    """Every test sees the first warning of each kind, and puts the cache back."""
    warn_once.cache_clear()
    sklearn_lent_attributes.cache_clear()
    yield
    warn_once.cache_clear()
    sklearn_lent_attributes.cache_clear()


def test_warns_once_per_missing_api_naming_the_versions():
    with pytest.warns(RuntimeWarning, match="tensorflow .*keras .*scikit-learn"):
        warn_once("an API", "a consequence")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        warn_once("an API", "a consequence")  # the second time: silent


def test_what_the_installed_versions_have_is_found_without_a_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert isinstance(gradient_registry(), dict)
        clear_kernel_cache()
        assert sklearn_lent_attributes() == ("_parent_callback_ctx",)
        from skbase._exceptions import NotFittedError

        assert skbase_not_fitted_error() is NotFittedError


def test_a_model_without_symbolic_build_trains_as_keras_builds_it():
    with pytest.warns(RuntimeWarning, match="_symbolic_build"):
        build_training_state(types.SimpleNamespace(), batch=None)


def test_a_gradient_registry_that_moved_is_left_alone(monkeypatch):
    from tensorflow.python.framework import ops

    monkeypatch.setattr(ops, "gradient_registry", object(), raising=False)
    with pytest.warns(RuntimeWarning, match="gradient_registry"):
        assert gradient_registry() is None


def test_a_kernel_cache_that_cannot_be_cleared_is_kept(monkeypatch):
    from tensorflow.python.eager import context

    monkeypatch.setattr(context, "context", lambda: object())
    with pytest.warns(RuntimeWarning, match="clear_kernel_cache"):
        clear_kernel_cache()


def test_a_detector_without_sktime_check_gets_x_as_given():
    X = np.arange(3.0)
    with pytest.warns(RuntimeWarning, match="_check_X"):
        assert check_detector_input(object(), X) is X


def test_sklearn_callback_context_without_the_lent_name_warns(monkeypatch):
    pytest.importorskip("sklearn.callback")
    monkeypatch.setattr(_internals.inspect, "getsource", lambda module: "")
    with pytest.warns(RuntimeWarning, match="_parent_callback_ctx"):
        assert sklearn_lent_attributes() == ("_parent_callback_ctx",)


def test_variables_that_do_not_pair_up_by_shape_are_refused():
    def variable(*shape):
        return types.SimpleNamespace(shape=shape)

    pairs = paired_variables(
        [variable(2), variable(3)], [variable(2), variable(3)], "w"
    )
    assert len(pairs) == 2
    with pytest.raises(LayoutMismatch, match="do not pair up"):
        paired_variables([variable(2), variable(3)], [variable(3), variable(2)], "w")
    with pytest.raises(LayoutMismatch):
        paired_variables([variable(2)], [variable(2), variable(3)], "w")


def test_the_trainer_pool_trains_the_model_itself_when_layouts_differ(monkeypatch):
    import keras

    from sktime_varlstm.networks import build_lstm_network
    from sktime_varlstm.training import TrainerPool, _trainer_pool

    model = build_lstm_network(2, 2, units=(2,), dense_units=())
    model.compile(optimizer=keras.optimizers.Adam(), loss="mse")

    def mismatch(self, model):
        raise LayoutMismatch("simulated")

    monkeypatch.setattr(_trainer_pool._Trainer, "load", mismatch)
    with pytest.warns(RuntimeWarning, match="trainer pool is bypassed"):
        with TrainerPool(max_size=2).lend(model, training=True) as lent:
            assert lent is model
