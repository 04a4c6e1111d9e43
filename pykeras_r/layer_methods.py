"""keras R 2.x's verbs on layers that are not "make one layer": ``adapt()``, ``get_vocabulary()``,
``set_vocabulary()``, ``reset_states()``, ``pop_layer()`` and the node getters
``get_input_at()``... (Keras 3 dropped ``Layer.get_input_at()`` and its kin; a layer still keeps
one node per call in ``_inbound_nodes``, which these read)."""

from __future__ import annotations

import keras
import numpy as np

from .errors import PyKerasRError, show

# What a node getter reads: the call's input, its output, their shapes, their masks.
NODE_ATTRIBUTES = ("input", "output", "input_shape", "output_shape", "input_mask", "output_mask")


def adapt(layer, data, batch_size: int | None = None, steps: int | None = None):
    """Fit a preprocessing layer's state (vocabulary, mean and variance, bin boundaries) to
    ``data``: an array (numbers or strings; an R vector or array), a tensor or a ``tf.data``
    dataset. Returns the layer, changed in place."""
    if not hasattr(layer, "adapt"):
        raise PyKerasRError(f"adapt() takes a preprocessing layer that learns from data (layer_normalization(), "
                            f"layer_text_vectorization(), layer_string_lookup()...); got {show(layer)}.")
    if isinstance(data, (list, tuple, str)):
        data = np.asarray(data)
    kwargs = {k: v for k, v in (("batch_size", batch_size), ("steps", steps)) if v is not None}
    layer.adapt(data, **kwargs)
    return layer


def _lookup_layer(layer, verb: str):
    if not hasattr(layer, "get_vocabulary"):
        raise PyKerasRError(f"{verb}() takes a lookup layer (layer_string_lookup(), layer_integer_lookup(), "
                            f"layer_text_vectorization()); got {show(layer)}.")
    return layer


def get_vocabulary(layer, include_special_tokens: bool = True) -> list:
    """A lookup layer's vocabulary, index 0 first (with the mask and OOV tokens unless
    ``include_special_tokens`` is False)."""
    return list(_lookup_layer(layer, "get_vocabulary").get_vocabulary(include_special_tokens=bool(include_special_tokens)))


def set_vocabulary(layer, vocabulary, idf_weights=None, **kwargs):
    """Set a lookup layer's vocabulary (a vector of its tokens) and, with ``output_mode =
    "tf_idf"``, their weights. Returns the layer, changed in place."""
    if isinstance(vocabulary, (list, tuple)):
        vocabulary = list(vocabulary)
        if isinstance(layer, keras.layers.IntegerLookup):  # R's numbers are doubles
            vocabulary = [int(v) for v in vocabulary]
    _lookup_layer(layer, "set_vocabulary").set_vocabulary(vocabulary, idf_weights=idf_weights, **kwargs)
    return layer


def reset_states(obj):
    """Reset the state of a stateful recurrent layer, or of every such layer of a model (Keras 3's
    ``reset_state()``). Returns ``obj``."""
    layers = obj._flatten_layers(include_self=True) if isinstance(obj, keras.layers.Layer) else None
    if layers is None:
        raise PyKerasRError(f"reset_states() takes a model or a layer; got {show(obj)}.")
    recurrent = (keras.layers.RNN, keras.layers.Bidirectional)
    if isinstance(obj, recurrent) and not obj.stateful:
        raise PyKerasRError(f"reset_states(): layer {obj.name!r} is not stateful (make it with stateful = TRUE).")
    for layer in layers:
        if isinstance(layer, recurrent) and layer.stateful:
            layer.reset_state()
    return obj


def pop_layer(model):
    """Remove the last layer of a sequential model, in place. Returns the model."""
    if not isinstance(model, keras.Sequential):
        raise PyKerasRError(f"pop_layer() takes a sequential model (keras_model_sequential()); got {show(model)}.")
    if not model.layers:
        raise PyKerasRError("pop_layer(): the model has no layers to remove.")
    model.pop()
    return model


def _one(values):
    values = list(values)
    return values[0] if len(values) == 1 else values


def node_attribute(layer, attribute: str, node_index: int, *, one_based: bool = False):
    """What a layer's call number ``node_index`` (0-based: 0 is its first call; 1-based, as keras
    R counts, with ``one_based``) took or gave:
    ``attribute`` one of NODE_ATTRIBUTES. A tensor (or a list of them, where the call had several),
    a shape (a tuple, ``None`` for the batch axis), or a mask (``None`` where there is none)."""
    if attribute not in NODE_ATTRIBUTES:
        raise PyKerasRError(f"unknown node attribute {show(attribute)}; expected one of: {', '.join(NODE_ATTRIBUTES)}.")
    if not isinstance(layer, keras.layers.Layer):
        raise PyKerasRError(f"get_{attribute}_at() takes a layer; got {show(layer)}.")
    nodes = layer._inbound_nodes
    if not nodes:
        raise PyKerasRError(f"layer {layer.name!r} has never been called on a tensor, so it has no {attribute}.")
    first = 1 if one_based else 0
    if isinstance(node_index, bool) or not isinstance(node_index, int) or not first <= node_index < len(nodes) + first:
        raise PyKerasRError(f"`node_index` must be a whole number from {first} to {len(nodes) - 1 + first} (layer "
                            f"{layer.name!r} was called {len(nodes)} time(s)); got {show(node_index)}.")
    node = nodes[node_index - first]
    side, what = attribute.split("_") if "_" in attribute else (attribute, "tensor")
    if side == "input":
        tensors = keras.tree.flatten(node.arguments.args[0]) if node.arguments.args else list(node.input_tensors)
    else:
        tensors = list(node.outputs)
    if what == "tensor":
        return _one(tensors)
    if what == "shape":
        return _one(tuple(t.shape) for t in tensors)
    if side == "input" and node.arguments.kwargs.get("mask") is not None:
        return node.arguments.kwargs["mask"]
    masks = [getattr(t, "_keras_mask", None) for t in tensors]
    return _one(masks)
