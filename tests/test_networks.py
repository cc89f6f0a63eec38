"""The dilated network pools every block's output, or the last block's.

That a series ignores its batch's padding, with every block pooled (the
default), is checked for every estimator in ``test_variable_length.py``.
"""

import pytest

from sktime_varlstm.networks import build_dilated_conv_network


@pytest.mark.parametrize("pooling", [("average",), ("average", "max")])
@pytest.mark.parametrize("pool_blocks", ["last", "all"])
def test_pooled_features_count_blocks_poolings_and_filters(pooling, pool_blocks):
    model = build_dilated_conv_network(
        2, 3, filters=4, dilations=(1, 2, 4), pooling=pooling, pool_blocks=pool_blocks
    )
    blocks = 3 if pool_blocks == "all" else 1
    assert model.get_layer("output").input.shape[-1] == blocks * len(pooling) * 4
