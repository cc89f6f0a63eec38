"""What the classifiers and regressors of panels share beside their task.

Series of channel vectors are the default; an estimator whose time steps
are other shapes overrides ``_inner_series(X)`` (the framework's container to
a list of ``(T_i, *step_shape)`` arrays) and ``_record_step_shape`` /
``_fitted_step_shape()``, which keep the shape of one time step seen in
``fit``.
"""

from __future__ import annotations

from sklearn.utils.class_weight import compute_sample_weight

from ..data import append_differences, apply_input_scaling, to_series_list
from ._estimator import VarLengthEstimatorMixin

__all__ = ["PanelNetworkMixin", "class_sample_weight"]


def class_sample_weight(class_weight, y):
    """Float32 weights of series labelled ``y``; ``None`` without ``class_weight``.

    Examples
    --------
    >>> class_sample_weight("balanced", ["a", "a", "b", "b", "b", "b"]).tolist()
    [1.5, 1.5, 0.75, 0.75, 0.75, 0.75]
    >>> class_sample_weight(None, ["a", "b"]) is None
    True
    """
    if class_weight is None:
        return None
    return compute_sample_weight(class_weight, y).astype("float32")


class PanelNetworkMixin(VarLengthEstimatorMixin):
    """Input scaling, step shape and training options of a panel estimator."""

    # An estimator with ``input_scaling`` and ``differences`` parameters
    # overrides these; the others see their series as given.
    input_scaling = None
    differences = False

    def _inner_series(self, X):
        return to_series_list(X)

    def _record_step_shape(self, step_shape):
        self.n_channels_ = step_shape[0]

    def _fit_options(self):
        """Fields of :class:`TrainingConfig` beyond the shared ones (e.g. ``crop``)."""
        return {}

    def _scaled(self, series):
        scaled = apply_input_scaling(
            series, self.input_scaling, getattr(self, "input_statistics_", {})
        )
        return append_differences(series, scaled) if self.differences else scaled
