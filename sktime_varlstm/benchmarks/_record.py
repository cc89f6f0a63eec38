"""The benchmarks' one run type and their run record: every finished run is kept.

A :class:`Run` is one measurement (one method on one data set with one seed
and its parameters); its :meth:`Run.settings` are a plain dict, and that dict
is what identifies it. A :class:`RunRecord` is a JSON Lines file with one line
per finished run, ``{"settings": {...}, "result": {...}}``, appended (and
flushed) as soon as the run ends. :func:`perform` measures only the runs the
record does not hold yet, so a benchmark stopped halfway resumes where it
stopped when started again with the same record. Any dict of JSON values can
be a run's settings: a runner that is no :class:`Run` grid can use the record
directly.
"""

from __future__ import annotations

import json
import multiprocessing
import pickle
import traceback
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Run", "RunRecord", "grid", "in_fresh_process", "perform"]


@dataclass(frozen=True)
class Run:
    """One fit and scoring of ``method`` on ``dataset``.

    ``params`` are the method's parameters (JSON values: tuples are recorded
    as lists), ``quick`` marks a smoke run of tiny models on a few series.
    ``split`` is what the run scores: ``"test"`` (fit on the training split,
    score on the test split) or ``"holdout"`` (fit on part of the training
    split, score on the rest: for choosing defaults without the test split).
    """

    dataset: str
    method: str
    seed: int = 0
    params: Mapping = field(default_factory=dict)
    quick: bool = False
    split: str = "test"

    def settings(self) -> dict:
        """What identifies the run in a :class:`RunRecord`."""
        settings = {
            "dataset": self.dataset,
            "method": self.method,
            "seed": self.seed,
            "params": dict(self.params),
            "quick": self.quick,
        }
        if self.split != "test":  # records of test runs stay as they were
            settings["split"] = self.split
        return settings


def _key(settings: Mapping) -> str:
    """One string per run: JSON with sorted keys (tuples and lists alike)."""
    return json.dumps(settings, sort_keys=True)


class RunRecord:
    """Finished runs, keyed by their settings; kept in a JSON Lines file.

    Parameters
    ----------
    path : str, pathlib.Path or None
        The file to read (if it exists) and append to; ``None`` keeps the
        record in memory only.

    Examples
    --------
    >>> record = RunRecord(None)
    >>> record.add({"dataset": "d", "seed": 0}, {"accuracy": 0.5})
    >>> {"seed": 0, "dataset": "d"} in record, {"dataset": "d", "seed": 1} in record
    (True, False)
    >>> record.result({"dataset": "d", "seed": 0})
    {'accuracy': 0.5}
    """

    def __init__(self, path=None):
        self.path = None if path is None else Path(path)
        self._results = {}
        if self.path is not None and self.path.exists():
            for line in self.path.read_text().splitlines():
                if line.strip():  # a run cut off mid-line is measured again
                    try:
                        entry = json.loads(line)
                    except json.JSONDecodeError:
                        continue
                    self._results[_key(entry["settings"])] = entry["result"]

    def __contains__(self, settings: Mapping) -> bool:
        return _key(settings) in self._results

    def __len__(self) -> int:
        return len(self._results)

    def result(self, settings: Mapping) -> dict:
        """The recorded result of the run with these settings (``KeyError``)."""
        return self._results[_key(settings)]

    def add(self, settings: Mapping, result: Mapping) -> None:
        """Record a finished run: in memory and, with a path, as one more line."""
        entry = json.loads(json.dumps({"settings": settings, "result": result}))
        self._results[_key(entry["settings"])] = entry["result"]
        if self.path is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a+b") as file:
                # after a line cut off by a stopped run, start a new one
                cut = file.tell() > 0 and not _ends_a_line(file)
                file.write(("\n" * cut + json.dumps(entry) + "\n").encode())


def _ends_a_line(file) -> bool:
    file.seek(-1, 2)
    return file.read(1) == b"\n"


def perform(
    runs: Iterable[Run],
    measure: Callable[[Run], Mapping],
    record: RunRecord,
    *,
    fresh_processes: bool = False,
    progress: Callable[[str], None] | None = print,
) -> list[dict]:
    """Result rows of ``runs``: recorded ones as recorded, the others measured.

    Each measured run (``measure(run)``, in a fresh process with
    ``fresh_processes``) is added to ``record`` as soon as it ends. A row is
    the run's settings followed by its result.
    """
    rows = []
    for run in runs:
        settings = json.loads(json.dumps(run.settings()))  # as recorded
        if settings in record:
            if progress:
                progress(f"{_name(run)}: recorded, skipped")
        else:
            if progress:
                progress(f"{_name(run)} ...")
            if fresh_processes:
                result = in_fresh_process(measure, run)
            else:
                result = measure(run)
            record.add(settings, result)
        rows.append({**settings, **record.result(settings)})
    return rows


def _name(run: Run) -> str:
    return f"{run.dataset} / {run.method} / seed {run.seed}"


def in_fresh_process(function, *args):
    """``function(*args)`` in a new spawned interpreter; its result.

    Nothing one measurement traced, compiled or allocated (TensorFlow's
    graphs, numba's functions, the peak memory) speeds up, slows down or
    shows in the next. ``function`` must be importable (module level).

    An exception in the new interpreter is raised here, its traceback added
    as a note. When the caller is stopped while it waits (Ctrl-C, or ``kill``
    through :func:`sktime_varlstm.cli.main`), the new interpreter is stopped
    too: a run left going would hold the cores while the next one is timed.
    """
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(
        target=_send_outcome, args=(sender, function, args), name="benchmark run"
    )
    process.start()
    sender.close()  # only the new interpreter holds it: its end ends the pipe
    try:
        succeeded, value = receiver.recv()
    except EOFError:
        process.join()
        raise RuntimeError(
            f"the run's process ended without a result (exit code {process.exitcode})"
        ) from None
    except BaseException:  # KeyboardInterrupt, SystemExit: stop the run too
        process.terminate()
        process.join()
        raise
    finally:
        receiver.close()
    process.join()
    if not succeeded:
        raise value
    return value


def _send_outcome(sender, function, args) -> None:
    """In the new interpreter: send ``(True, result)`` or ``(False, error)``."""
    try:
        outcome = (True, function(*args))
    except Exception as error:
        remote = "".join(traceback.format_exception(error)).rstrip()
        try:  # the caller must be able to rebuild it
            pickle.loads(pickle.dumps(error))
        except Exception:
            error = RuntimeError(f"{type(error).__name__}: {error}")
        error.add_note(remote)
        outcome = (False, error)
    try:
        sender.send(outcome)
    except Exception as unpicklable:  # an error or result pickle cannot carry
        sender.send(
            (False, RuntimeError(f"the run's outcome cannot be sent: {unpicklable!r}"))
        )
    finally:
        sender.close()


def grid(
    datasets,
    methods,
    seeds,
    quick,
    *,
    known_datasets,
    known_methods,
    default_seeds,
    quick_params,
    params=None,
    split="test",
) -> list[Run]:
    """Every (data set, method, seed) as a :class:`Run`, data set first.

    ``None`` takes all of ``known_datasets``, ``known_methods`` or
    ``default_seeds``; a name not among the known ones is refused.
    ``quick`` gives each method its ``quick_params``; ``params`` (a dict)
    are given to every method on top; ``split`` is every run's split.
    """
    datasets = known_datasets if datasets is None else tuple(datasets)
    methods = known_methods if methods is None else tuple(methods)
    unknown = (set(datasets) - set(known_datasets), set(methods) - set(known_methods))
    if unknown[0] or unknown[1]:
        raise ValueError(
            f"unknown data sets {sorted(unknown[0])} or methods {sorted(unknown[1])}"
            f"; choose from {known_datasets} and {known_methods}"
        )
    return [
        Run(
            dataset,
            method,
            seed,
            {**(quick_params[method] if quick else {}), **(params or {})},
            quick,
            split,
        )
        for dataset in datasets
        for method in methods
        for seed in (default_seeds if seeds is None else seeds)
    ]
