"""Two conveniences of Keras 2's functional graphs that Keras 3 dropped, which keras R 2.x's
guides and scripts rely on (its VAE: ``kl_loss <- -0.5 * tf$reduce_mean(z_log_var - ...)`` on a
functional model's tensors, then ``vae$add_loss(kl_loss)``):

- **TensorFlow functions on symbolic tensors.** Keras 2 wrapped ``tf.reduce_mean(x)`` of a
  ``keras.Input``'s tensor in a layer (``TFOpLambda``); Keras 3 refuses it ("A KerasTensor cannot
  be used as input to a TensorFlow function"). Here a TensorFlow function given a symbolic tensor
  becomes a ``TensorFlowFunction`` operation of the graph, run on the real tensors at each call.
- **Symbolic losses on functional models.** Keras 2's ``model.add_loss(t)`` took a tensor ``t``
  computed from the model's inputs and added it to the loss at every training step; Keras 3's
  ``add_loss()`` takes only values computed inside ``call()``. Here such a model computes its
  losses in the same forward pass as its outputs (the same random draws) and adds them.

``enable()`` turns both on; R's pykerasr does so when it first reaches pykeras_r (``pk_bridge()``),
so R scripts get keras R 2.x's behaviour. Both only add what Keras 3 refuses: nothing it accepts
changes. A model with symbolic losses saves its weights, but its losses are not part of its
saved configuration.
"""

from __future__ import annotations

from ._startup import import_keras
from .errors import PyKerasRError

keras = import_keras()

_enabled = False


class TensorFlowFunction(keras.Operation):
    """A TensorFlow function (``tf.reduce_mean``, ``tf.square``...) applied to symbolic tensors: an
    operation of the functional graph that calls the function on the real tensors."""

    def __init__(self, function, name=None):
        super().__init__(name=name or getattr(function, "__name__", "tensorflow_function"))
        self.function = function

    def call(self, *args, **kwargs):
        return self.function(*args, **kwargs)

    def compute_output_spec(self, *args, **kwargs):
        # Keras 3.15 marks `x * 0.5` of a symbolic tensor sparse; the real tensors are dense
        def dense(x):
            return keras.KerasTensor(x.shape, x.dtype) if isinstance(x, keras.KerasTensor) else x

        from keras.src import backend

        args, kwargs = keras.tree.map_structure(dense, (args, kwargs))
        return backend.compute_output_spec(self.call, *args, **kwargs)


def _has_symbolic_tensor(values) -> bool:
    return any(isinstance(x, keras.KerasTensor) for x in keras.tree.flatten(values))


def _register_tensorflow_dispatcher() -> None:
    import tensorflow as tf

    class SymbolicTensorDispatcher(tf.__internal__.dispatch.GlobalOpDispatcher):
        """TensorFlow asks this when one of its functions refused its arguments."""

        def handle(self, op, args, kwargs):
            if _has_symbolic_tensor([args, kwargs]):
                return TensorFlowFunction(op)(*args, **kwargs)
            return self.NOT_SUPPORTED

    SymbolicTensorDispatcher().register()


def _symbolic_losses_class(functional_class):
    """``functional_class`` whose ``call()`` also computes the model's symbolic losses."""

    class WithSymbolicLosses(functional_class):
        def call(self, inputs, training=None, mask=None, **kwargs):
            graph = self.__dict__["_pykeras_r_loss_graph"]
            results = graph(inputs, training=training, mask=mask, **kwargs)
            if not _has_symbolic_tensor(results["losses"]):
                for loss in results["losses"]:
                    keras.layers.Layer.add_loss(self, loss)  # Functional's own refuses every loss
            return results["outputs"]

    # saved as the class it was: its losses are not part of its configuration
    for attribute in ("__name__", "__qualname__", "__module__"):
        setattr(WithSymbolicLosses, attribute, getattr(functional_class, attribute))
    return WithSymbolicLosses


def _add_loss(self, loss, _keras_add_loss=None):
    losses = keras.tree.flatten(loss)
    symbolic = [x for x in losses if isinstance(x, keras.KerasTensor)]
    if not symbolic:
        return _keras_add_loss(self, loss)
    if len(symbolic) != len(losses):
        raise PyKerasRError("add_loss() takes symbolic tensors of the model's graph or values, not both "
                            "at once; call it once for each.")
    from keras.src.models.functional import Functional

    state = self.__dict__
    added = state.get("_pykeras_r_symbolic_losses", [])
    losses = added + symbolic
    try:
        graph = Functional(self._inputs_struct, {"outputs": self._outputs_struct, "losses": losses},
                           name=f"{self.name}_with_losses")
    except ValueError as error:
        raise PyKerasRError(f"add_loss(): a symbolic loss must be computed from the model's own inputs "
                            f"({error})") from None
    # kept out of Keras' tracking: the graph shares the model's layers, not weights of its own
    state["_pykeras_r_symbolic_losses"] = losses
    state["_pykeras_r_loss_graph"] = graph
    if not added:
        self.__class__ = _symbolic_losses_class(type(self))
    return None


def enable() -> None:
    """Turn on both conveniences (once per process; later calls do nothing)."""
    global _enabled
    if _enabled:
        return
    from keras.src.models.functional import Functional

    keras_add_loss = Functional.add_loss

    def add_loss(self, loss):
        return _add_loss(self, loss, _keras_add_loss=keras_add_loss)

    add_loss.__doc__ = keras_add_loss.__doc__
    Functional.add_loss = add_loss
    if keras.backend.backend() == "tensorflow":
        _register_tensorflow_dispatcher()
    _enabled = True
