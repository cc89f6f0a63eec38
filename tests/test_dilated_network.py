"""The dilated network pools every block's output, or the last block's."""

import numpy as np
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


def test_every_block_pooled_and_a_series_ignores_its_batch_padding():
    model = build_dilated_conv_network(1, 3, filters=4, dilations=(1, 2, 4))
    series = np.random.default_rng(0).normal(size=(1, 9, 1)).astype("float32")
    alone = np.asarray(model({"values": series, "mask": np.ones((1, 9), bool)}))
    mask = np.arange(14)[None, :] < 9
    padded = np.concatenate([series, np.full((1, 5, 1), 3.0, "float32")], axis=1)
    in_batch = np.asarray(model({"values": padded * mask[..., None], "mask": mask}))
    np.testing.assert_allclose(alone, in_batch, atol=1e-6)
