"""ConvLSTM classifier for image sequences (video clips) of unequal length."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..base import (
    FRACTION,
    NON_NEGATIVE,
    POSITIVE_INT,
    POSITIVE_SIZES,
    TEST_BATCH_SIZE,
    Options,
    Sequence,
    document_shared_parameters,
    store_parameters,
)
from ..data import DATA_FORMATS, as_dense_container, check_series_list, to_series_list
from ..networks import build_convlstm_network
from ._base import VarLengthClassifier

__all__ = ["ConvLSTMClassifier"]


@document_shared_parameters
class ConvLSTMClassifier(VarLengthClassifier):
    """ConvLSTM classifier that trains on clips of their true, unequal lengths.

    Each time step is an image frame. Clips are batched by length like the
    series of :class:`~sktime_varlstm.LSTMClassifier` (``batching``), padded
    at most to the longest clip of their batch, and the padding is masked in
    every ConvLSTM2D layer, so a clip gets the same prediction whatever batch
    it travels in. Predicts on lengths never seen in ``fit``; frames must keep
    the shape seen in ``fit``.

    Accepted ``X``:

    * a list of arrays ``(T_i, C, H, W)`` (``(T_i, H, W, C)`` with
      ``data_format="channels_last"``), or a 5-D array ``(n_clips, T, ...)``
      of equal-length clips;
    * an sktime panel (``nested_univ``, ``pd-multiindex``, ``df-list``,
      ``numpy3D``) whose variables are the frames flattened in C order of
      ``frame_shape``. Without ``frame_shape``, the ``C`` variables of a panel
      make ``(C, 1, 1)`` frames (``(1, 1, C)`` for ``"channels_last"``): an
      ordinary multivariate panel is a clip of one-pixel images. So is a
      list of 1-D or 2-D arrays (series), a 2-D array or a table of numbers
      (one univariate series per row), as scikit-learn passes them.

    Parameters
    ----------
    filters : tuple of int, default=(32, 32)
        Filters of the stacked ConvLSTM2D layers; every layer but the last
        returns sequences.
    kernel_size : tuple of int, default=(3, 3)
        Height and width of the convolution kernels.
    dense_units : tuple of int, default=(12,)
        Units of the linear dense layers after the flattened last state.
    dropout : float, default=0.5
        Dropout rate after each ConvLSTM2D layer.
    l2 : float, default=0.01
        L2 penalty on the ConvLSTM2D kernels and the output layer's kernel.
    data_format : {"channels_first", "channels_last"}, default="channels_first"
        Frame layout: ``(C, H, W)`` as in the article, or ``(H, W, C)``.
    frame_shape : tuple of int or None, default=None
        Shape of one frame, needed to read image frames from an sktime panel
        (flattened frames). With a list or 5-D array of frames it may be left
        out; if given, it must match the frames.
    {shared parameters}

    Attributes
    ----------
    {trained attributes}
    classes_ : numpy.ndarray
        Class labels.
    frame_shape_ : tuple of int
        Shape of one frame seen in ``fit``.

    Examples
    --------
    >>> import numpy as np
    >>> from sktime_varlstm.classification._convlstm import ConvLSTMClassifier
    >>> rng = np.random.default_rng(0)
    >>> X = [rng.normal(size=(t, 1, 6, 6)) for t in rng.integers(3, 8, size=8)]
    >>> y = np.array(["a", "b"] * 4)
    >>> clf = ConvLSTMClassifier(
    ...     filters=(2,), dense_units=(), n_epochs=1, random_state=0
    ... ).fit(X, y)
    >>> clf.frame_shape_
    (1, 6, 6)
    >>> clf.predict([rng.normal(size=(12, 1, 6, 6))]).shape
    (1,)
    """

    _frame_ndim = 3  # one time step is a (C, H, W) or (H, W, C) frame
    _hyperparameter_constraints = {
        **VarLengthClassifier._hyperparameter_constraints,
        "filters": [POSITIVE_SIZES],
        "kernel_size": [Sequence(POSITIVE_INT, length=2)],
        "dense_units": [Sequence(POSITIVE_INT)],
        "dropout": [FRACTION],
        "l2": [NON_NEGATIVE],
        "data_format": [Options(DATA_FORMATS)],
        "frame_shape": [None, Sequence(POSITIVE_INT, length=3)],
    }

    def __init__(
        self,
        *,
        filters=(32, 32),
        kernel_size=(3, 3),
        dense_units=(12,),
        dropout=0.5,
        l2=0.01,
        data_format="channels_first",
        frame_shape=None,
        n_epochs=100,
        batch_size=32,
        batching="bucket",
        max_timesteps_per_batch=None,
        optimizer="adam",
        learning_rate=0.001,
        validation_split=0.0,
        early_stopping_patience=None,
        reduce_lr_patience=None,
        callbacks=None,
        class_weight=None,
        random_state=None,
        verbose=0,
        distribution_strategy=None,
    ):
        store_parameters(self, locals())
        super().__init__()

    # --- input ------------------------------------------------------------
    def _series_from(self, X, *, fitted: bool):
        """Clips of ``X`` as ``(T_i, *frame_shape)`` arrays, validated."""
        clips = self._clips_from(X)
        step_shape = self._fitted_step_shape() if fitted else None
        check_series_list(clips, step_shape=step_shape)
        return clips

    def _fitted_step_shape(self):
        return self.frame_shape_

    def _to_framework_input(self, X, series):
        """Hand sktime a ``df-list`` of flattened frames that keeps the layout.

        One column per pixel, labelled by a ``(channel, row, column)``
        MultiIndex (in the order of ``data_format``): sktime's ``fit`` resets
        the estimator before ``_fit``, so the frame shape travels with the
        data rather than in an attribute.
        """
        columns = pd.MultiIndex.from_product([range(n) for n in series[0].shape[1:]])
        return [
            pd.DataFrame(clip.reshape(len(clip), -1), columns=columns)
            for clip in series
        ]

    def _clips_from(self, X):
        """Convert ``X`` to ``(T_i, *frame_shape)`` float32 arrays."""
        X = as_dense_container(X)
        if _holds_frames(X):
            clips = to_series_list(X, frame_ndim=self._frame_ndim)
            found = clips[0].shape[1:] if clips else None
        else:
            flat = to_series_list(X)
            check_series_list(flat)  # same width everywhere before reshaping
            found = self._panel_frame_shape(X, n_variables=flat[0].shape[1])
            clips = [s.reshape(len(s), *found) for s in flat]
        expected = None if self.frame_shape is None else tuple(self.frame_shape)
        if expected is not None and found is not None and expected != found:
            raise ValueError(
                f"frame_shape={expected} but X holds frames of shape {found}."
            )
        return clips

    def _panel_frame_shape(self, X, *, n_variables):
        """Frame shape of a panel whose variables are flattened frames."""
        if _is_frame_layout(X):  # made by _to_framework_input
            frame_shape = X[0].columns.levshape
        elif self.frame_shape is not None:
            frame_shape = tuple(self.frame_shape)
        elif self.data_format == "channels_first":
            frame_shape = (n_variables, 1, 1)
        else:
            frame_shape = (1, 1, n_variables)
        if int(np.prod(frame_shape)) != n_variables:
            raise ValueError(
                f"X has {n_variables} variables per time step, but frame_shape "
                f"{tuple(frame_shape)} needs {int(np.prod(frame_shape))}."
            )
        return tuple(frame_shape)

    # --- what VarLengthClassifier asks of a subclass ---------------------
    def _inner_series(self, X):
        return self._clips_from(X)

    def _record_step_shape(self, step_shape):
        self.frame_shape_ = tuple(step_shape)

    def _build_network(self, n_classes):
        return build_convlstm_network(
            self.frame_shape_,
            n_classes,
            filters=self.filters,
            kernel_size=self.kernel_size,
            dense_units=self.dense_units,
            dropout=self.dropout,
            l2=self.l2,
            data_format=self.data_format,
        )

    @classmethod
    def get_test_params(cls, parameter_set="default"):
        """Small, fast parameter sets for sktime's conformance suite.

        The suite feeds ordinary panels, whose ``C`` variables become
        ``(C, 1, 1)`` frames.
        """
        # Two tiny sets (sktime asks for at least two): every fit traces a
        # ConvLSTM graph, so each set costs the suite minutes.
        # tests/test_clips.py covers the rest.
        tiny = {
            "filters": (2,),
            "dense_units": (),
            "n_epochs": 1,
            "batch_size": TEST_BATCH_SIZE,
            "random_state": 0,
        }
        return [
            tiny,
            {
                **tiny,
                "kernel_size": (1, 1),
                "dropout": 0.0,
                "data_format": "channels_last",
                "batching": "pad",
                "class_weight": "balanced",
            },
        ]


def _holds_frames(X) -> bool:
    """Whether ``X`` holds image frames rather than an sktime panel."""
    if isinstance(X, np.ndarray) and X.dtype != object:
        return X.ndim not in (2, 3)  # 2-D and numpy3D arrays are panels
    if isinstance(X, (list, tuple, np.ndarray)):
        # a clip is (T, C, H, W); 1-D and 2-D entries are series of a panel
        return len(X) > 0 and all(
            not isinstance(s, pd.DataFrame) and np.ndim(s) > 2 for s in X
        )
    return False


def _is_frame_layout(X) -> bool:
    """Whether ``X`` is a df-list whose columns name (axis, axis, axis) pixels."""
    return (
        isinstance(X, list)
        and len(X) > 0
        and isinstance(X[0], pd.DataFrame)
        and isinstance(X[0].columns, pd.MultiIndex)
        and X[0].columns.nlevels == 3
    )
