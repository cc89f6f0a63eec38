"""Unsupervised anomaly detection.

Abnormal series of a panel (:class:`LSTMAnomalyDetector`) and anomalous
points of one long series with sktime's detection API
(:class:`LSTMSeriesDetector`).
"""

from ._anomaly_detector import LSTMAnomalyDetector
from ._series_detector import LSTMSeriesDetector

__all__ = ["LSTMAnomalyDetector", "LSTMSeriesDetector"]
