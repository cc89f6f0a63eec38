"""What an early classifier keeps between calls: one record per series.

A record holds the steps read, their class probabilities, the LSTM states
after them and whether (and where) the series was decided.
:func:`check_continuation` says, before anything changes, whether longer
prefixes may continue from the records; :func:`new_steps` cuts what is new.
"""

from __future__ import annotations

import numpy as np

from ._decision import decide

__all__ = ["check_continuation", "decided_records", "new_steps", "undecided"]


def undecided(state_info) -> list[dict]:
    """The records of the series not decided yet, in their order."""
    return [record for record in state_info if not record["decided"]]


def check_continuation(series, state_info) -> None:
    """Raise, naming the problem, unless ``series`` continue the undecided ones.

    Examples
    --------
    >>> import numpy as np
    >>> state = [{"steps": 3, "decided": False}, {"steps": 2, "decided": True}]
    >>> check_continuation([np.ones((4, 1))], state)  # the one undecided, longer
    >>> check_continuation([np.ones((2, 1))], state)
    Traceback (most recent call last):
    ...
    ValueError: series 0 has 2 steps, fewer than the 3 already read: update_predict \
takes longer prefixes of the same series
    """
    kept = undecided(state_info)
    if len(series) != len(kept):
        raise ValueError(
            f"update_predict takes the {len(kept)} undecided series of the "
            f"last call, in their order; got {len(series)} series"
        )
    for i, (s, record) in enumerate(zip(series, kept, strict=True)):
        if len(s) < record["steps"]:
            raise ValueError(
                f"series {i} has {len(s)} steps, fewer than the "
                f"{record['steps']} already read: update_predict takes "
                "longer prefixes of the same series"
            )


def new_steps(series, state_info) -> list:
    """The steps of every undecided series that were not read yet."""
    kept = undecided(state_info)
    return [s[record["steps"] :] for s, record in zip(series, kept, strict=True)]


def decided_records(rule, probabilities, states):
    """``(probabilities, decided, state_info)`` of series read so far.

    ``probabilities`` holds every series' rows of all steps read; the rule
    decides on them (the series may go on). A decided series gets the row
    of its decision, an undecided one its last row, each normalised to sum
    to 1 in float64.
    """
    rows, _ = decide(rule, probabilities, complete=False)
    decided = rows >= 0
    chosen = np.stack(
        [
            p[row] if row >= 0 else p[-1]
            for p, row in zip(probabilities, rows, strict=True)
        ]
    ).astype(float)
    chosen /= chosen.sum(axis=1, keepdims=True)  # float32 rows: 1 +- 1e-7
    records = [
        {
            "steps": len(p),
            "decided": bool(done),
            "decision_step": int(row) + 1 if done else None,
            "probabilities": p,
            "states": s,
        }
        for p, s, row, done in zip(probabilities, states, rows, decided, strict=True)
    ]
    return chosen, decided, np.array(records, dtype=object)
