"""The estimators give the numbers they gave before a change meant to keep them.

``tests/pinned/predictions.json`` holds a few outputs of every estimator
(``tests/pinned/cases.py`` says which, and how the file is written).
"""

import json

import numpy as np
import pytest
from pinned.cases import CASES, PINNED, outputs, versions

RECORD = json.loads(PINNED.read_text())
# To 1e-6 with the versions that wrote the file. Other TensorFlow, Keras or
# NumPy versions round differently in their kernels (a few 1e-6 after a few
# epochs), so there the outputs need only agree to 1e-4: still far closer
# than any change of the computation would leave them.
TOLERANCE = 1e-6 if versions() == RECORD["versions"] else 1e-4


@pytest.mark.parametrize(("name", "index"), CASES)
def test_outputs_match_the_pinned_ones(name, index):
    expected = RECORD["outputs"][f"{name}[{index}]"]
    np.testing.assert_allclose(outputs(name, index), expected, rtol=0, atol=TOLERANCE)
