"""Run one measurement in a process of its own."""

from __future__ import annotations

import concurrent.futures
import multiprocessing

__all__ = ["in_fresh_process"]


def in_fresh_process(function, *args):
    """``function(*args)`` in a new spawned interpreter; its result.

    Nothing one measurement traced, compiled or allocated (TensorFlow's
    graphs, numba's functions, the peak memory) speeds up, slows down or
    shows in the next. ``function`` must be importable (module level).
    """
    context = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(1, mp_context=context) as pool:
        return pool.submit(function, *args).result()
