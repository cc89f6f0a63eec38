"""TensorFlow's C++ start-up lines kept off the terminal (the command line uses it)."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile

__all__ = ["tensorflow_log_to_file"]


@contextlib.contextmanager
def tensorflow_log_to_file(path=None):
    """Send what is written to file descriptor 2 to ``path``, keep Python's stderr.

    TensorFlow's C++ runtime logs to the process's standard error stream
    before its log settings are read, so ``TF_CPP_MIN_LOG_LEVEL`` does not
    hide its start-up lines. Inside this context the descriptor points to a
    log file, while ``sys.stderr`` keeps writing to the original stream, so
    Python warnings, tracebacks and Keras' messages still show. Library users
    can do the same around their first ``import tensorflow``.

    Parameters
    ----------
    path : str or None
        The log file, overwritten; ``None``: ``varlstm-tensorflow.log`` in
        the temporary directory.

    Yields
    ------
    str
        The path of the log file.
    """
    sys.stderr.flush()
    if path is None:
        path = os.path.join(tempfile.gettempdir(), "varlstm-tensorflow.log")
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    original = os.dup(2)
    python_stderr = sys.stderr
    sys.stderr = os.fdopen(os.dup(original), "w", buffering=1)
    os.dup2(handle, 2)
    os.close(handle)
    try:
        yield path
    finally:
        sys.stderr.flush()
        os.dup2(original, 2)
        os.close(original)
        sys.stderr.close()
        sys.stderr = python_stderr
