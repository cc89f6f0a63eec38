"""Regressors of unequal-length panels (sktime ``BaseRegressor``)."""

from ._dilated_conv import DilatedConvRegressor
from ._lstm import LSTMRegressor

__all__ = ["DilatedConvRegressor", "LSTMRegressor"]
