"""Networks that classify every prefix of a series, and their streaming twins.

:func:`build_per_step_lstm_network` reads a series forward and gives class
probabilities after every step, for all prefixes in one pass.
:func:`streaming_network` builds, from a trained one, the same computation
with the LSTM states as inputs and outputs, so a series that arrives in
pieces is read piece by piece: the states kept after one piece start the
next, and no step is read twice.
"""

from __future__ import annotations

import keras
from keras import layers

from ._layers import output_layer, sequence_inputs

__all__ = ["build_per_step_lstm_network", "streaming_network"]


def build_per_step_lstm_network(
    n_channels: int,
    n_classes: int,
    *,
    units=(64,),
    dense_units=(),
    dense_activation="relu",
    dropout: float = 0.0,
    l2: float = 0.0,
) -> keras.Model:
    """Stacked forward LSTMs with a class-probability row after every step.

    Row ``t`` of the output depends on steps ``0 .. t`` only (the network is
    causal), so one pass gives the probabilities of every prefix. The LSTMs
    honour the mask: padding never changes a real step's row.

    Parameters
    ----------
    n_channels : int
        Channels per time step.
    n_classes : int
        Classes: the width of every output row.
    units : tuple of int
        Units of each LSTM layer.
    dense_units : tuple of int
        Units of the dense layers applied to every step after the last LSTM.
    dense_activation : str
        Activation of those dense layers.
    dropout : float
        Dropout rate after each LSTM and dense layer (training only).
    l2 : float
        L2 penalty on the output layer's kernel.

    Examples
    --------
    >>> model = build_per_step_lstm_network(3, 2, units=(4,))
    >>> tuple(model.output.shape)
    (None, None, 2)
    """
    values, mask = sequence_inputs((n_channels,))
    hidden = values
    for depth, n_units in enumerate(units):
        hidden = layers.LSTM(n_units, return_sequences=True, name=f"lstm_{depth}")(
            hidden, mask=mask
        )
        if dropout:
            hidden = layers.Dropout(dropout)(hidden)
    for depth, n_units in enumerate(dense_units):
        hidden = layers.Dense(
            n_units, activation=dense_activation, name=f"dense_{depth}"
        )(hidden)
        if dropout:
            hidden = layers.Dropout(dropout)(hidden)
    outputs = output_layer(n_classes, "softmax", l2)(hidden)
    return keras.Model({"values": values, "mask": mask}, outputs, name="per_step_lstm")


def streaming_network(model: keras.Model) -> keras.Model:
    """``model`` reading a piece of each series from given LSTM states.

    Inputs: ``values`` and ``mask`` of the new steps, and for every LSTM
    layer ``i`` its states ``h_i`` and ``c_i`` after the steps read before
    (zeros for a series not yet started). Outputs: ``probabilities`` of the
    new steps and the states after the last real new step (a masked step
    keeps the state), to feed the next piece. The LSTMs are copies with the
    trained weights; the dense and output layers are ``model``'s own.

    Examples
    --------
    >>> import numpy as np
    >>> model = build_per_step_lstm_network(1, 2, units=(3,))
    >>> stream = streaming_network(model)
    >>> x = np.random.default_rng(0).normal(size=(1, 5, 1)).astype("float32")
    >>> mask = np.ones((1, 5), bool)
    >>> whole = model({"values": x, "mask": mask})
    >>> states = {name: np.zeros((1, 3), "float32") for name in ("h_0", "c_0")}
    >>> pieces = []
    >>> for start, end in [(0, 2), (2, 5)]:  # two steps, then three
    ...     piece = {"values": x[:, start:end], "mask": mask[:, start:end]}
    ...     out = stream({**piece, **states})
    ...     states = {name: np.asarray(out[name]) for name in states}
    ...     pieces.append(np.asarray(out["probabilities"]))
    >>> bool(np.allclose(np.concatenate(pieces, axis=1), whole, atol=1e-5))
    True
    """
    lstms = [layer for layer in model.layers if isinstance(layer, layers.LSTM)]
    n_channels = model.input["values"].shape[-1]
    values, mask = sequence_inputs((n_channels,))
    states = {}
    for depth, lstm in enumerate(lstms):
        for kind in ("h", "c"):
            states[f"{kind}_{depth}"] = keras.Input(
                (lstm.units,), name=f"{kind}_{depth}"
            )
    hidden, outputs, depth = values, {}, 0
    for layer in model.layers:
        if isinstance(layer, layers.LSTM):
            copy = layers.LSTM.from_config(
                {
                    **layer.get_config(),
                    "return_state": True,
                    "name": f"stream_{layer.name}",
                }
            )
            hidden, h, c = copy(
                hidden,
                mask=mask,
                initial_state=[states[f"h_{depth}"], states[f"c_{depth}"]],
            )
            copy.set_weights(layer.get_weights())
            outputs[f"h_{depth}"], outputs[f"c_{depth}"] = h, c
            depth += 1
        elif isinstance(layer, layers.Dense):
            hidden = layer(hidden)
    outputs["probabilities"] = hidden
    return keras.Model(
        {"values": values, "mask": mask, **states}, outputs, name="streaming"
    )
