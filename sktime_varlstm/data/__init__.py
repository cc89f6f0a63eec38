"""The data layer: pure NumPy/pandas functions, no Keras.

Any supported panel container becomes a list of ``(T_i, C)`` float32 arrays
(:func:`to_series_list`), checked (:func:`check_series_list`,
:func:`check_targets`), scaled (:func:`fit_input_scaling`,
:func:`apply_input_scaling`), cut into windows (:func:`cut_windows`,
:func:`random_window`) and planned into length-aware batches
(:func:`plan_batches`, :func:`pad_series`). Every layer above imports these
names from here.
"""

from ._batching import BATCHING_STRATEGIES, pad_series, plan_batches
from ._checks import (
    check_label_type,
    check_one_series,
    check_regression_targets,
    check_series_list,
    check_targets,
)
from ._conversion import (
    DATA_FORMATS,
    as_dense_container,
    as_sktime_panel,
    check_data_format,
    is_wide_table,
    to_series_list,
)
from ._scaling import (
    INPUT_SCALINGS,
    append_differences,
    apply_input_scaling,
    fit_input_scaling,
    scaled_channels,
    z_normalized,
)
from ._windows import cut_windows, random_window, window_starts

__all__ = [
    "BATCHING_STRATEGIES",
    "DATA_FORMATS",
    "INPUT_SCALINGS",
    "append_differences",
    "apply_input_scaling",
    "as_dense_container",
    "as_sktime_panel",
    "check_data_format",
    "check_label_type",
    "check_one_series",
    "check_regression_targets",
    "check_series_list",
    "check_targets",
    "cut_windows",
    "fit_input_scaling",
    "is_wide_table",
    "pad_series",
    "plan_batches",
    "random_window",
    "scaled_channels",
    "to_series_list",
    "window_starts",
    "z_normalized",
]
