"""Data sets that ship with installed packages: nothing is downloaded.

:func:`load_unequal_length_panel` loads eight unequal-length classification
data sets (:data:`SUITE`) as lists of ``(T_i, C)`` arrays;
:func:`make_moving_digits` generates image sequences (clips) for
``ConvLSTMClassifier``.

Everything ships inside sktime (nothing is downloaded). JapaneseVowels and
PLAID are unequal-length as they come. The other six are sktime's shipped
equal-length sets made unequal by one seeded rule, the same for train and
test: every series is cut to a random contiguous window of 40-100% of its
length (the window's share drawn uniformly from ``[0.4, 1]``, its start
uniformly from the positions where it fits; :func:`truncation_windows`).

==================  =====  ====  ========  =======  ================  ================
name                train  test  channels  classes  lengths, train    lengths, test
==================  =====  ====  ========  =======  ================  ================
japanese_vowels       270   370        12        9  7-26              7-29
plaid                 537   537         1       11  100-1344          134-1000
basic_motions          40    40         6        4  41-97 (100)       42-100
gunpoint               50   150         1        2  60-149 (150)      61-150
arrow_head             36   175         1        3  108-245 (251)     101-250
osuleaf               200   242         1        6  171-427 (427)     171-427
italy_power_demand     67  1029         1        2  10-24 (24)        10-24
acsf1                 100   100         1       10  588-1407 (1460)   589-1460
==================  =====  ====  ========  =======  ================  ================

(In brackets: the equal length the series had before they were cut.)

:func:`load_regression_panel` loads four regression data sets
(:data:`REGRESSION_SETS`) the same way, with float64 targets: sktime's
Covid3Month cut to each series' last 40-100 % of days, Tecator as shipped,
and two generated sets with a known answer (the frequency of a noisy sine,
the decay rate of a damped oscillation), lengths 20-500; the table is in
the docstring of ``sktime_varlstm.datasets._regression``.
"""

from ._regression import REGRESSION_SETS, load_regression_panel
from ._suite import (
    MIN_FRACTION,
    SUITE,
    TRUNCATION_SEED,
    load_unequal_length_panel,
    truncation_windows,
)

__all__ = [  # noqa: F822 (make_moving_digits is loaded on first use)
    "DATASETS",
    "MIN_FRACTION",
    "REGRESSION_SETS",
    "SUITE",
    "TRUNCATION_SEED",
    "load_regression_panel",
    "load_unequal_length_panel",
    "make_moving_digits",
    "truncation_windows",
]

# The naturally unequal-length sets, the command line's demo data.
DATASETS = ("japanese_vowels", "plaid")


def __getattr__(name):
    # imported on first use, so the command line's parser stays light
    if name == "make_moving_digits":
        from ._moving_digits import make_moving_digits

        return make_moving_digits
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted([*globals(), *__all__])
