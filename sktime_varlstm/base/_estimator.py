"""What every estimator of the package shares on top of its sktime base class.

* the scikit-learn protocol (``__sklearn_tags__``, ``__sklearn_is_fitted__``)
  that sktime's ``BaseObject`` lacks, so ``GridSearchCV``, ``cross_val_score``
  and ``Pipeline`` work with current scikit-learn;
* parameter and input checks that run *before* sktime resets the estimator,
  so a failed call names the problem and leaves a fitted estimator as it was;
* the one training routine: seed, build, compile, :func:`fit_network`.
"""

from __future__ import annotations

import contextlib

import numpy as np
import sklearn.exceptions

from ..data import as_sktime_panel, check_series_list, to_series_list
from ..training import (
    TrainingConfig,
    auto_epochs,
    fit_network,
    make_optimizer,
    resolve_distribution_strategy,
    seed_from,
    skbase_not_fitted_error,
    sklearn_lent_attributes,
    with_explicit_seeds,
)
from ._params import TRAINING_CONSTRAINTS, validate_parameters

__all__ = ["NotFittedError", "VarLengthEstimatorMixin"]


_SkbaseNotFittedError = skbase_not_fitted_error()


class NotFittedError(sklearn.exceptions.NotFittedError, _SkbaseNotFittedError):
    """Raised by a method that needs a fitted estimator.

    scikit-learn's and sktime's ``NotFittedError`` both catch it.
    """


class VarLengthEstimatorMixin:
    """Mixin placed before an sktime base class (``BaseClassifier`` …).

    Subclasses set ``_sklearn_estimator_type`` and ``_frame_ndim``, have
    every training parameter of :data:`~sktime_varlstm.base.TRAINING_CONSTRAINTS`,
    and declare ``_hyperparameter_constraints`` (those and their own).
    """

    _sklearn_estimator_type = "classifier"
    _frame_ndim = 1  # axes of one time step: 1 for channel vectors
    _hyperparameter_constraints = TRAINING_CONSTRAINTS

    # sktime's tags every estimator shares; the sktime base class' defaults
    # come before these in the MRO, a subclass' own tags after them
    _tags = {
        "authors": ["sktime-varlstm developers"],
        "maintainers": ["sktime-varlstm developers"],
        "python_dependencies": "tensorflow",
        "capability:random_state": True,
        "property:randomness": "derandomized",
    }

    # --- scikit-learn protocol -------------------------------------------
    def __sklearn_tags__(self):
        from sklearn.utils import (
            ClassifierTags,
            InputTags,
            RegressorTags,
            Tags,
            TargetTags,
            TransformerTags,
        )

        kind = self._sklearn_estimator_type
        return Tags(
            estimator_type=kind,
            target_tags=TargetTags(
                required=kind in ("classifier", "regressor"),
                multi_output=kind == "regressor",  # a 2-D y: one output each
            ),
            classifier_tags=ClassifierTags() if kind == "classifier" else None,
            # poor_score: scikit-learn's regression check data is a linear
            # function of each row's values by position, which networks that
            # pool over time do not model (their score there means nothing)
            regressor_tags=RegressorTags(poor_score=True)
            if kind == "regressor"
            else None,
            # sktime's detectors transform a series into labels
            transformer_tags=TransformerTags() if hasattr(self, "transform") else None,
            input_tags=InputTags(two_d_array=True, three_d_array=True),
        )

    def __sklearn_is_fitted__(self):
        return self.is_fitted

    def reset(self):
        """Reset as sktime does, keeping what a scikit-learn meta-estimator lent.

        scikit-learn's ``Pipeline`` and searches set ``_parent_callback_ctx``
        on a step before fitting it and delete it afterwards; sktime's
        ``reset`` (run at the start of ``fit``) would otherwise drop it.
        """
        lent = {
            name: self.__dict__[name]
            for name in sklearn_lent_attributes()
            if name in self.__dict__
        }
        super().reset()
        self.__dict__.update(lent)
        return self

    def check_is_fitted(self, method_name=None):
        try:
            super().check_is_fitted(method_name)
        except _SkbaseNotFittedError as error:
            raise NotFittedError(str(error)) from None

    # --- parameters and input --------------------------------------------
    def _validate_parameters(self):
        """Raise, naming the parameter, unless every parameter is allowed."""
        validate_parameters(self)

    def _series_from(self, X, *, fitted: bool):
        """Convert and validate ``X``; against the fitted shape when ``fitted``."""
        series = to_series_list(X, frame_ndim=self._frame_ndim)
        step_shape = self._fitted_step_shape() if fitted else None
        check_series_list(series, step_shape=step_shape)
        return series

    def _fitted_step_shape(self):
        return (self.n_channels_,)

    def _to_framework_input(self, X, series):
        """Hand sktime a container it knows (a plain list becomes ``df-list``)."""
        return as_sktime_panel(X, series)

    def _keep_state_on_failure(self, method, *args):
        """Call ``method``; if it raises, restore every attribute of ``self``."""
        saved = dict(self.__dict__)
        try:
            return method(*args)
        except BaseException:
            self.__dict__.clear()
            self.__dict__.update(saved)
            raise

    # --- training -----------------------------------------------------------
    def _train(self, build, series, targets, *, loss, metrics=(), **data_and_options):
        """Seed, build and compile a network, train it, store the results.

        Sets ``model_``, ``history_``, ``epoch_seconds_`` and ``n_epochs_``.
        With a ``distribution_strategy``, the network is built and compiled
        in that strategy's scope, so one fit uses several devices.
        ``data_and_options``: ``sample_weight`` and ``stratify`` for
        :func:`fit_network`, and fields of :class:`TrainingConfig` that the
        estimator sets beyond the shared parameters (e.g. ``crop``).
        """
        # No keras.utils.set_random_seed: every random choice is seeded from
        # ``seed`` explicitly (weights, dropout, batch order, crops), and
        # TensorFlow's set_seed clears its kernel cache, so every traced
        # function of the process would be instantiated again (most of a
        # tiny fit whose train step the trainer pool had ready).
        seed = seed_from(self.random_state)
        with self._strategy_scope():
            model = with_explicit_seeds(build(), seed)
            model.compile(
                optimizer=make_optimizer(self.optimizer, self.learning_rate),
                loss=loss,
                metrics=list(metrics),
            )
        self.model_ = model
        self.epoch_seconds_, self.n_epochs_ = np.zeros(0), 0
        self._fit_model(series, targets, seed=seed, **data_and_options)
        return model

    def _strategy_scope(self):
        """The ``distribution_strategy``'s scope (nothing without one)."""
        strategy = resolve_distribution_strategy(self.distribution_strategy)
        return strategy.scope() if strategy is not None else contextlib.nullcontext()

    def _train_further(self, series, targets, **data_and_options):
        """Train ``model_`` on, from its weights; epochs add to the record."""
        seed = seed_from(self.random_state)
        self._fit_model(series, targets, seed=seed, **data_and_options)

    def _training_config(self, series, seed, **options) -> TrainingConfig:
        """The shared training parameters as :func:`fit_network` takes them."""
        return TrainingConfig(
            batching=self.batching,
            batch_size=self.batch_size,
            max_timesteps_per_batch=self.max_timesteps_per_batch,
            n_epochs=self._epochs_for(series),
            learning_rate=self.learning_rate,
            validation_split=self.validation_split,
            early_stopping_patience=self.early_stopping_patience,
            reduce_lr_patience=self.reduce_lr_patience,
            callbacks=self.callbacks,
            verbose=self.verbose,
            seed=seed,
            **options,
        )

    def _fit_model(
        self, series, targets, *, seed, sample_weight=None, stratify=None, **options
    ):
        history, epoch_seconds = fit_network(
            self.model_,
            series,
            targets,
            self._training_config(series, seed, **options),
            sample_weight=sample_weight,
            stratify=stratify,
        )
        self.history_ = history
        self.epoch_seconds_ = np.concatenate([self.epoch_seconds_, epoch_seconds])
        self.n_epochs_ = len(self.epoch_seconds_)

    def _epochs_for(self, series):
        """``n_epochs``, or for ``"auto"`` the epochs the data's size asks for."""
        if self.n_epochs == "auto":
            return auto_epochs([len(s) for s in series], self.batch_size)
        return self.n_epochs
