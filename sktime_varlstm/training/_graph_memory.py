"""What TensorFlow keeps of every fit, released; its retracing warning, hidden.

A fit of an architecture the trainer pool does not hold traces its train
step and forward pass anew. :func:`releasing_traced_gradients` drops what
those traces leave in TensorFlow's process-wide registries, so memory stays
flat over many fits;
:func:`hidden_retracing_warnings` keeps the warning TensorFlow gives for the
new traces, which no user can act on, off the terminal.
"""

from __future__ import annotations

import contextlib
import logging
import threading

from ._internals import clear_kernel_cache, gradient_registry

__all__ = [
    "bound_kernel_cache",
    "hidden_retracing_warnings",
    "releasing_traced_gradients",
]

FITS_PER_KERNEL_CACHE_CLEAR = 100
_fits_lock = threading.Lock()
_fits_since_clear = 0


def bound_kernel_cache():
    """Count a fit; every :data:`FITS_PER_KERNEL_CACHE_CLEAR` fits, empty the cache.

    TensorFlow's eager context caches a kernel for every distinct operation
    it runs, and creating a variable is one (its handle has a name of its
    own), so every fit, which builds a new network, adds entries that are
    never used again, about a megabyte a fit. Emptying the cache
    frees them; the cost is that every traced function is instantiated again
    on its next call (a fraction of a second), so it is done once per
    100 fits, not after each one: memory stays bounded and refits stay
    fast.
    """
    global _fits_since_clear
    with _fits_lock:
        _fits_since_clear += 1
        if _fits_since_clear < FITS_PER_KERNEL_CACHE_CLEAR:
            return
        _fits_since_clear = 0
    clear_kernel_cache()


@contextlib.contextmanager
def releasing_traced_gradients(model):
    """Drop the gradient functions that tracing ``model``'s train step registers.

    In graph mode ``tf.custom_gradient`` registers every gradient function in
    TensorFlow's process-wide gradient registry, under a new name, for good.
    Keras' optimizer goes through it (the all-reduce of the gradients) each
    time a train step is traced, and the registered function holds tensors of
    the traced step, so the whole graph stays: an LSTM's loop bodies and
    their gradients, tens of megabytes a fit even of a tiny network. The
    gradients are built while tracing, so after ``fit`` no one
    looks those entries up again. Only entries whose graph uses ``model``'s
    variables are removed: a fit traced meanwhile in another thread keeps
    its own.
    """
    registry = gradient_registry()
    if registry is None:  # gone from this TensorFlow (warned once): leave it be
        yield
        return
    before = set(registry)
    try:
        yield
    finally:
        ours = {id(v) for v in _tf_variables(model)}
        for name in set(registry) - before:
            if _graph_variable_ids(registry[name]) & ours:
                registry.pop(name, None)


def _tf_variables(model):
    """The TensorFlow variables behind ``model``'s and its optimizer's."""
    variables = list(model.variables)
    if getattr(model, "optimizer", None) is not None:
        variables += list(model.optimizer.variables)
    for variable in variables:
        value = getattr(variable, "value", variable)
        yield value
        yield from getattr(value, "values", ())  # one per replica if mirrored


def _graph_variable_ids(entry) -> set:
    """Ids of the variables of the graph a registered gradient function holds."""
    function = entry.get("type") if isinstance(entry, dict) else None
    for tensor in _closure_tensors(function):
        return {id(v) for v in getattr(tensor.graph, "variables", ())}
    return set()


def _closure_tensors(function, depth=3):
    """Tensors found in ``function``'s closure, and in the closures it holds."""
    for cell in getattr(function, "__closure__", None) or ():
        try:
            value = cell.cell_contents
        except ValueError:  # an empty cell
            continue
        items = value if isinstance(value, (list, tuple)) else [value]
        for item in items:
            if hasattr(item, "graph") and hasattr(item, "op"):
                yield item
            elif callable(item) and depth > 1:
                yield from _closure_tensors(item, depth - 1)


class _RetracingFilter(logging.Filter):
    """Drops TensorFlow's "N out of the last M calls ... retracing" warning."""

    def filter(self, record):
        return "triggered tf.function retracing" not in record.getMessage()


_RETRACING_FILTER = _RetracingFilter()
_hiding_lock = threading.Lock()
_hiding_depth = 0


@contextlib.contextmanager
def hidden_retracing_warnings(hide: bool = True):
    """Keep TensorFlow's retracing warning quiet inside the block.

    A fit of a new architecture traces its train step and forward pass anew:
    TensorFlow counts that as retracing the same Python function and warns
    after a few fits, which no user of the estimators can act on.
    """
    global _hiding_depth
    if not hide:
        yield
        return
    logger = logging.getLogger("tensorflow")
    with _hiding_lock:
        _hiding_depth += 1
        logger.addFilter(_RETRACING_FILTER)
    try:
        yield
    finally:
        with _hiding_lock:
            _hiding_depth -= 1
            if not _hiding_depth:
                logger.removeFilter(_RETRACING_FILTER)
