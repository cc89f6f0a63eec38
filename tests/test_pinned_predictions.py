"""The estimators give the numbers they gave before a change meant to keep them.

``tests/pinned/predictions.json`` holds a few outputs of every estimator
(``tests/pinned/cases.py`` says which, and how the file is written).
"""

import json

import numpy as np
import pytest
from pinned.cases import CASES, PINNED, outputs

PINNED_OUTPUTS = json.loads(PINNED.read_text())


@pytest.mark.parametrize(("name", "index"), CASES)
def test_outputs_match_the_pinned_ones(name, index):
    expected = PINNED_OUTPUTS[f"{name}[{index}]"]
    np.testing.assert_allclose(outputs(name, index), expected, rtol=0, atol=1e-6)
