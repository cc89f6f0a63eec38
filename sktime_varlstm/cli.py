"""Command line: ``varlstm demo``, and the commands that plug in.

Parsing imports neither TensorFlow nor any command's code, so ``--help``
answers at once; each command imports what it needs when it runs. Commands
beyond ``demo`` plug in through the ``sktime_varlstm.commands`` entry point
group: each entry is a function that adds a sub-parser and returns the
function that runs it, and may set a ``check`` default that refuses
arguments before anything runs (the benchmarks' ``varlstm benchmark`` is
one). The
library itself never imports them.

While a command runs, what TensorFlow's C++ runtime writes straight to the
standard error stream (start-up lines such as "oneDNN custom operations are
on" or "failed call to cuInit") goes to a log file instead of the terminal,
see :func:`tensorflow_log_to_file`; Python's own warnings and errors still
show.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
import tempfile
import threading
import time
from importlib.metadata import entry_points

from .data import BATCHING_STRATEGIES
from .datasets import DATASETS

__all__ = ["build_parser", "demo", "main", "tensorflow_log_to_file"]

COMMANDS_GROUP = "sktime_varlstm.commands"

CLASSIFIERS = {
    "dilated_conv": "DilatedConvClassifier",  # the recommended one
    "lstm_fcn": "LSTMFCNClassifier",
    "lstm": "LSTMClassifier",
}


def demo(
    dataset="japanese_vowels",
    epochs=None,
    batching="bucket",
    verbose=2,
    classifier="dilated_conv",
):
    """Train a classifier with its defaults on a shipped data set, print results.

    Parameters
    ----------
    dataset : str
        A name of :data:`~sktime_varlstm.datasets.DATASETS`.
    epochs : int or None
        Largest number of epochs; ``None`` keeps the classifier's default.
    batching : str
        The classifier's ``batching``.
    verbose : int
        The classifier's ``verbose``.
    classifier : {"dilated_conv", "lstm_fcn", "lstm"}
        ``DilatedConvClassifier``, ``LSTMFCNClassifier`` or ``LSTMClassifier``.

    Returns
    -------
    dict
        ``accuracy``, ``fit_seconds``, ``steady_epoch_seconds`` and ``n_epochs``.
    """
    import numpy as np

    import sktime_varlstm

    from .datasets import load_unequal_length_panel
    from .training import steady_epoch_seconds

    X_train, y_train = load_unequal_length_panel(dataset, "train")
    X_test, y_test = load_unequal_length_panel(dataset, "test")
    lengths = [len(s) for s in X_train]
    print(
        f"{dataset}: {len(X_train)} train / {len(X_test)} test series, "
        f"{X_train[0].shape[1]} channel(s), lengths {min(lengths)}-{max(lengths)}"
    )
    # the classifier's defaults: trained on the training split only, the test
    # split is scored once
    params = {"batching": batching, "random_state": 0, "verbose": verbose}
    if epochs is not None:
        params["n_epochs"] = epochs
    clf = getattr(sktime_varlstm, CLASSIFIERS[classifier])(**params)
    print(f"training {clf!r}")
    start = time.perf_counter()
    clf.fit(X_train, y_train)
    fit_seconds = time.perf_counter() - start
    accuracy = float(np.mean(clf.predict(X_test) == y_test))
    steady = steady_epoch_seconds(clf.epoch_seconds_)
    print(f"test accuracy: {accuracy:.4f}")
    print(
        f"fit time: {fit_seconds:.1f} s in total for {clf.n_epochs_} epochs; "
        f"steady state {steady:.3f} s/epoch (median of epochs after the first; "
        f"the first, {clf.epoch_seconds_[0]:.2f} s, includes graph tracing)"
    )
    return {
        "accuracy": accuracy,
        "fit_seconds": fit_seconds,
        "steady_epoch_seconds": steady,
        "n_epochs": clf.n_epochs_,
    }


def build_parser() -> argparse.ArgumentParser:
    """The ``varlstm`` parser: ``demo`` and every plugged-in command.

    Each sub-parser's ``run`` default is the function that runs it.
    """
    parser = argparse.ArgumentParser(
        prog="varlstm",
        description="Recurrent networks on time series of unequal length.",
    )
    commands = parser.add_subparsers(dest="command", required=True)

    run_demo = commands.add_parser(
        "demo", help="train a classifier's defaults on a data set shipped with sktime"
    )
    run_demo.add_argument("--dataset", choices=DATASETS, default="japanese_vowels")
    run_demo.add_argument(
        "--classifier",
        choices=tuple(CLASSIFIERS),
        default="dilated_conv",
        help="DilatedConvClassifier (default), LSTMFCNClassifier or LSTMClassifier",
    )
    run_demo.add_argument(
        "--epochs", type=int, default=None, help="epochs (default: the classifier's)"
    )
    run_demo.add_argument("--batching", choices=BATCHING_STRATEGIES, default="bucket")
    run_demo.add_argument(
        "--quiet", action="store_true", help="no per-epoch progress lines"
    )
    run_demo.set_defaults(run=_run_demo)
    for entry in sorted(entry_points(group=COMMANDS_GROUP), key=lambda e: e.name):
        entry.load()(commands)
    return parser


def _run_demo(args) -> None:
    demo(
        args.dataset,
        epochs=args.epochs,
        batching=args.batching,
        verbose=0 if args.quiet else 2,
        classifier=args.classifier,
    )


def main(argv=None) -> int:
    """Run ``varlstm`` with ``argv`` (default: the process's arguments)."""
    args = build_parser().parse_args(argv)
    if hasattr(args, "check"):  # a plugged-in command's own argument checks
        args.check(args)
    with tensorflow_log_to_file(), termination_as_exit():
        args.run(args)
    return 0


@contextlib.contextmanager
def termination_as_exit():
    """Inside this context, ``SIGTERM`` (``kill``) raises ``SystemExit(143)``.

    Python's default for ``SIGTERM`` ends the process at once, so no
    ``finally`` runs: a benchmark's run in its own process would go on after
    ``kill`` stopped the command. As ``SystemExit``, it unwinds like Ctrl-C,
    and the run's process is stopped with the command. Outside the main
    thread, where no handler can be set, nothing changes.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def exit_on_termination(signum, frame):
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, exit_on_termination)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


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


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
