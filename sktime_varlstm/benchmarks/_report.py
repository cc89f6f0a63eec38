"""The benchmarks' one table: Markdown, rows grouped, numbers as mean ± spread.

Every runner describes its table as a list of :class:`Column` and passes its
result rows to :func:`format_table`. Rows that share the values of ``by``
(for example the seeds of one method on one data set) become one line: a
numeric column shows the mean over them, followed by ``± std`` where the
column asks for a spread and the group holds more than one row.
"""

from __future__ import annotations

import math
import multiprocessing
import platform
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

__all__ = [
    "Column",
    "format_table",
    "machine_note",
    "mean_and_spread",
    "mean_of_all",
    "ranks",
]

MISSING = "n/a"


@dataclass(frozen=True)
class Column:
    """One column: the row key it shows, its title and how a value is written.

    ``fmt`` is a format string (``"{:.4f}"``) or a function of the value;
    ``spread`` writes a group's numbers as ``mean ± std``; ``right`` aligns
    the column right. The key ``"runs"`` is the number of rows in the group.
    """

    key: str
    title: str
    fmt: str | Callable[[object], str] = "{}"
    spread: bool = False
    right: bool = False

    def write(self, value) -> str:
        if _missing(value):
            return MISSING
        return self.fmt(value) if callable(self.fmt) else self.fmt.format(value)


def mean_and_spread(values, fmt: str = "{:.4f}") -> str:
    """``"mean ± std"`` of ``values`` (the population deviation), or one value.

    Examples
    --------
    >>> mean_and_spread([0.8, 0.6])
    '0.7000 ± 0.1000'
    >>> mean_and_spread([0.9])
    '0.9000'
    >>> mean_and_spread([12.0, float("nan")], "{:.1f}")
    'n/a'
    """
    values = np.asarray(values, dtype=float)
    if not len(values) or not np.all(np.isfinite(values)):
        return MISSING
    mean = fmt.format(values.mean())
    return mean if len(values) == 1 else f"{mean} ± {fmt.format(values.std())}"


def format_table(
    rows: Sequence[dict], columns: Sequence[Column], *, by: Sequence[str] = ()
) -> str:
    """A Markdown table of ``rows``, one line per distinct value of ``by``.

    Without ``by`` every row is a line. Grouped lines keep the order in which
    their groups first appear; a numeric column shows the group's mean (and
    spread), any other the distinct values joined by ``" / "``. ``None`` and
    NaN are written ``n/a``.

    Examples
    --------
    >>> rows = [{"dataset": "d", "method": "m", "accuracy": a} for a in (0.8, 0.6)]
    >>> columns = [Column("dataset", "data set"), Column("method", "method"),
    ...            Column("accuracy", "accuracy", "{:.4f}", spread=True, right=True),
    ...            Column("runs", "seeds", right=True)]
    >>> print(format_table(rows, columns, by=("dataset", "method")))
    | data set | method | accuracy | seeds |
    |---|---|---:|---:|
    | d | m | 0.7000 ± 0.1000 | 2 |
    """
    lines = [
        "| " + " | ".join(c.title for c in columns) + " |",
        "|" + "".join("---:|" if c.right else "---|" for c in columns),
    ]
    groups = {}
    for row in rows:
        key = tuple(row.get(k) for k in by) if by else len(groups)
        groups.setdefault(key, []).append(row)
    for group in groups.values():
        cells = [_cell(column, group) for column in columns]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _cell(column: Column, group: list[dict]) -> str:
    if column.key == "runs":
        return column.write(len(group))
    values = [row.get(column.key) for row in group]
    if len(values) == 1:
        return column.write(values[0])
    present = [v for v in values if not _missing(v)]
    if present and all(_number(v) for v in present):
        if column.spread and isinstance(column.fmt, str):
            return mean_and_spread(present, column.fmt)
        return column.write(float(np.mean(present)))
    distinct = list(dict.fromkeys(column.write(v) for v in values))
    return " / ".join(distinct)


def _number(value) -> bool:
    return isinstance(value, int | float | np.number) and not isinstance(value, bool)


def _missing(value) -> bool:
    return value is None or (_number(value) and math.isnan(value))


def machine_note() -> str:
    """The machine and Python a table was measured on, as a sentence."""
    return (
        f"Machine: {platform.machine()}, {multiprocessing.cpu_count()} cores, "
        f"Python {platform.python_version()}."
    )


def mean_of_all(values) -> float:
    """The mean of ``values``, or NaN if there are none or one is missing.

    Examples
    --------
    >>> mean_of_all([1.0, 2.0]), mean_of_all([1.0, None]), mean_of_all([])
    (1.5, nan, nan)
    """
    values = np.array([np.nan if v is None else v for v in values], dtype=float)
    return float(values.mean()) if len(values) and np.isfinite(values).all() else np.nan


def ranks(scores):
    """Rank 1 for the highest score; tied scores share their mean rank.

    Examples
    --------
    >>> ranks(np.array([0.9, 0.5, 0.9])).tolist()
    [1.5, 3.0, 1.5]
    """
    order = (-scores).argsort(kind="stable")
    result = np.empty(len(scores))
    result[order] = np.arange(1, len(scores) + 1)
    for value in np.unique(scores):
        tied = scores == value
        result[tied] = result[tied].mean()
    return result
