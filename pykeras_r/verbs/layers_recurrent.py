"""Recurrent layers and wrappers: the table of their R verbs (see pykeras_r/verbs/spec.py)."""

from __future__ import annotations

from .spec import Arg, Verb, Family, _UNITS, _USE_BIAS

_RNN = {"units": _UNITS, "activation": Arg("tanh", doc="Activation name; keras R's default `\"tanh\"`."),
        "use_bias": _USE_BIAS,
        "return_sequences": Arg(False, doc="Whether to return the whole output sequence, not only its "
                                           "last step."),
        "return_state": Arg(False, doc="Whether to return the last state too."),
        "go_backwards": Arg(False, doc="Whether to read the input sequence backwards."),
        "stateful": Arg(False, doc="Whether each batch's last state starts the next batch."),
        "unroll": Arg(False, doc="Whether to unroll the loop (faster for short sequences, more memory)."),
        "dropout": Arg(0.0, "number", "Fraction of the inputs to drop, in [0, 1)."),
        "recurrent_dropout": Arg(0.0, "number", "Fraction of the recurrent state to drop, in [0, 1).")}

LAYERS_RECURRENT = Family("layers-recurrent", "layer", "Recurrent layers and wrappers", {
    "layer_simple_rnn": Verb("SimpleRNN", "Add a fully connected recurrent layer", _RNN),
    "layer_lstm": Verb("LSTM", "Add a long short-term memory (LSTM) layer", {  # keras R's order
        "units": _UNITS, "activation": _RNN["activation"],
        "recurrent_activation": Arg("sigmoid", doc="Activation of the recurrent step's gates."), **_RNN}),
    "layer_gru": Verb("GRU", "Add a gated recurrent unit (GRU) layer", {  # keras R's order
        "units": _UNITS, "activation": _RNN["activation"], "recurrent_activation": Arg("sigmoid", doc=""),
        **_RNN, "time_major": Arg(False, doc="keras R 2.x's TF1 option; Keras 3 has none (ignored with a note "
                                            "unless `FALSE`).", keras=""),
        "reset_after": Arg(True, doc="Whether the reset gate is applied after the matrix product (cuDNN's way).")}),
    "time_distributed": Verb("TimeDistributed", "Apply a layer to every time step of the input", {
        "layer": Arg(doc="A layer, e.g. `layer_dense(units = 10)`.")}),
})
