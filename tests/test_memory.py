"""Many fits in one process, as a grid search makes them, keep no memory.

Run in a fresh interpreter so the readings are this test's own. Each
estimator is fitted (and predicts) a few times to warm up, then 8 times
more with the trainer pool (refits reuse its traced train step); one of
them is also fitted 5 times without it (every fit traces anew, and must
release what the trace leaves in TensorFlow: the same code for every
estimator); the resident memory may grow by at most 5 MB per fit (a traced
graph kept per fit costs 20-30 MB). The measurement,
``sktime_varlstm.benchmarks.memory``, only fits, predicts and sizes the
trainer pool through public API (``sktime_varlstm.training``); ``python -m
sktime_varlstm.benchmarks.memory [--no-pool]`` prints the readings themselves.
"""

import pytest
from conftest import run_in_fresh_interpreter

# 8 and 5 fits are enough to see 5 MB per fit against a leak of 20-30 MB
# (measured slopes without a leak: -1.7 to 0.8 MB per fit)
WARMUP, FITS, FITS_TRACED_ANEW, MB_PER_FIT = 3, 8, 5, 5.0
TRACED_ANEW = "LSTMClassifier"  # every estimator releases traces the same way

MEASURE = f"""
import json, logging
from sktime_varlstm.benchmarks.memory import ESTIMATORS, mb_per_fit, measure

class Count(logging.Handler):
    retracing = 0
    def emit(self, record):
        Count.retracing += "retracing" in record.getMessage()

logging.getLogger("tensorflow").addHandler(Count())
slopes = {{
    name: mb_per_fit(measure(name, {WARMUP + FITS}), {WARMUP})
    for name in ESTIMATORS
}}
slopes["{TRACED_ANEW} traced anew"] = mb_per_fit(
    measure("{TRACED_ANEW}", {WARMUP + FITS_TRACED_ANEW}, pool=False), {WARMUP}
)
print(json.dumps({{"slopes": slopes, "retracing_warnings": Count.retracing}}))
"""


@pytest.mark.slow
def test_repeated_fits_keep_no_memory_and_print_no_retracing_warning():
    result = run_in_fresh_interpreter(MEASURE, timeout=900)
    slopes = result["slopes"]
    names = {"LSTMClassifier", "ConvLSTMClassifier", "LSTMAnomalyDetector"}
    assert set(slopes) == names | {TRACED_ANEW + " traced anew"}
    for name, slope in slopes.items():
        assert slope < MB_PER_FIT, f"{name}: {slope:.1f} MB per fit"
    # the fits traced anew trace one network each: TensorFlow calls it retracing
    assert result["retracing_warnings"] == 0


def test_the_kernel_cache_is_emptied_once_every_so_many_fits(monkeypatch):
    from tensorflow.python.eager import context

    from sktime_varlstm.training import _graph_memory

    cleared = []
    monkeypatch.setattr(
        context.context(), "clear_kernel_cache", lambda: cleared.append(True)
    )
    monkeypatch.setattr(_graph_memory, "_fits_since_clear", 0)
    every = _graph_memory.FITS_PER_KERNEL_CACHE_CLEAR
    for _ in range(every - 1):
        _graph_memory.bound_kernel_cache()
    assert cleared == []
    _graph_memory.bound_kernel_cache()
    assert cleared == [True]
    for _ in range(every):
        _graph_memory.bound_kernel_cache()
    assert cleared == [True, True]
