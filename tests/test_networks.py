"""The network builders: the dilated network's pooling, the ConvLSTM article network.

That a series ignores its batch's padding is checked for every estimator in
``test_variable_length.py``; the LSTM and LSTM-FCN defaults, as fitted, in
``test_classification.py``.
"""

import keras
import pytest

from sktime_varlstm.networks import build_convlstm_network, build_dilated_conv_network


@pytest.mark.parametrize("pooling", [("average",), ("average", "max")])
@pytest.mark.parametrize("pool_blocks", ["last", "all"])
def test_pooled_features_count_blocks_poolings_and_filters(pooling, pool_blocks):
    model = build_dilated_conv_network(
        2, 3, filters=4, dilations=(1, 2, 4), pooling=pooling, pool_blocks=pool_blocks
    )
    blocks = 3 if pool_blocks == "all" else 1
    assert model.get_layer("output").input.shape[-1] == blocks * len(pooling) * 4


def test_convlstm_article_network_is_the_default():
    model = build_convlstm_network((3, 16, 16), 2)
    kinds = [
        layer.__class__.__name__
        for layer in model.layers
        if not isinstance(layer, keras.layers.InputLayer)
    ]
    assert kinds == [
        "Permute",  # channels-first frames run channels-last (networks.py)
        "ConvLSTM2D",
        "Dropout",
        "ConvLSTM2D",
        "Dropout",
        "Flatten",
        "Dense",
        "Dense",
    ]
    (permute,) = [x for x in model.layers if isinstance(x, keras.layers.Permute)]
    conv = [x for x in model.layers if isinstance(x, keras.layers.ConvLSTM2D)]
    assert [c.filters for c in conv] == [32, 32]
    assert tuple(permute.output.shape) == (None, None, 16, 16, 3)
    assert all(c.data_format == "channels_last" for c in conv)
    assert all(c.padding == "same" for c in conv)
    assert all(float(c.kernel_regularizer.l2) == pytest.approx(0.01) for c in conv)
    assert [c.return_sequences for c in conv] == [True, False]
    dense, output = model.layers[-2:]
    assert dense.units == 12
    assert output.activation.__name__ == "softmax"
    assert float(output.kernel_regularizer.l2) == pytest.approx(0.01)
