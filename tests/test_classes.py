"""pykeras_r.classes, the Python half of keras R 2.x's object model: classes whose methods are
functions called with ``self`` first (R functions from R; plain Python functions here), carrying
the R functions' signatures. The R half is tests/testthat/test-py-classes.R."""

from __future__ import annotations

import inspect

import keras
import numpy as np
import pytest

from pykeras_r.classes import R_DEFAULT, base_class, init_arg_names, model_io, new_class, r_super
from pykeras_r.errors import PyKerasRError


def formals(*names, **defaults):
    """R formals as R sends them: names without defaults, then name=default (R_DEFAULT for one
    only R can evaluate), "..." for R's dots."""
    rows = [{"name": n, "dots": n == "..."} for n in names]
    for n, d in defaults.items():
        row = {"name": n, "dots": False, "has_default": True}
        if d is not R_DEFAULT:
            row["default"] = d
        rows.append(row)
    return rows


def test_methods_carry_the_r_signature_and_pass_only_given_arguments():
    calls = []

    def r_call(self, *args, **kwargs):
        calls.append((args, kwargs))
        return args[0] if args else kwargs["inputs"]

    Layer = new_class("Echo", [keras.layers.Layer],
                      {"call": {"fn": r_call, "params": formals("inputs", training=None, scale=R_DEFAULT)}})
    assert str(inspect.signature(Layer.call)) == "(self, inputs, training=None, scale=<R default>, **kwargs)"
    layer = Layer()
    x = np.ones((2, 3), "float32")
    layer(x, training=True)
    # Keras saw `training` in the signature and passed it; `scale` was left to R's default
    args, kwargs = calls[-1]
    assert args == () and set(kwargs) == {"inputs", "training"} and kwargs["training"] is True


def test_initialize_is_init_and_super_maps_keras_r_names():
    def initialize(self, units=None, **kwargs):
        r_super(Dense1, self).initialize(**kwargs)   # keras R's super$initialize(...)
        self.units = int(units)
        return "R returns its last value; __init__ must not"

    Dense1 = new_class("Dense1", [keras.layers.Layer],
                       {"initialize": {"fn": initialize, "params": formals("...", units=32)}})
    layer = Dense1(units=4, name="d")
    assert layer.units == 4 and layer.name == "d"
    assert init_arg_names(Dense1) == []  # R's ... first: nothing by position


def test_add_weight_takes_keras_r_order_and_whole_doubles():
    def build(self, input_shape):
        self.w = self.add_weight("kernel", (float(input_shape[-1]), 2.0), initializer="ones")

    Layer = new_class("Weighted", [keras.layers.Layer], {
        "build": {"fn": build, "params": formals("input_shape")},
        "call": {"fn": lambda self, inputs, **k: keras.ops.matmul(inputs, self.w), "params": formals("inputs")}})
    layer = Layer()
    out = layer(np.ones((1, 3), "float32"))
    assert layer.w.shape == (3, 2) and layer.w.path.endswith("kernel")
    np.testing.assert_array_equal(keras.ops.convert_to_numpy(out), [[3.0, 3.0]])
    with pytest.raises(PyKerasRError, match="whole numbers"):
        layer.add_weight(shape=(2.5,))


def test_properties_schedules_and_callbacks():
    store = {}

    def prop(self, *value):
        if value:
            store["set"] = value[0]
            return None
        return 42

    Thing = new_class("Thing", [], properties={"answer": prop}, attributes={"kind": "thing"})
    t = Thing()
    t.answer = 7
    assert (t.answer, store["set"], Thing.kind) == (42, 7, "thing")

    # keras R's `call` of a schedule is Python's __call__
    Halve = new_class("Halve", [base_class("learning_rate_schedule")],
                      {"call": {"fn": lambda self, step: 1.0 / (2.0 ** float(step)), "params": formals("step")}})
    assert Halve()(3) == 0.125

    # R's self$model$stop_training <- TRUE assigns self$model back
    Stop = new_class("Stop", [base_class("callback")], {
        "on_epoch_end": {"fn": lambda self, epoch, logs=None: setattr(self, "model", self.model),
                         "params": formals("epoch", logs=None)}})
    model = keras.Sequential([keras.Input((1,)), keras.layers.Dense(1)])
    model.compile("sgd", "mse")
    model.fit(np.ones((4, 1)), np.ones(4), epochs=1, verbose=0, callbacks=[Stop()])


def test_model_io_of_a_sequential_made_with_an_input():
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2)])
    assert model_io(model, "input").shape == (None, 4)
    assert model_io(model, "output").shape == (None, 2)
    with pytest.raises(PyKerasRError, match="input_shape"):
        model_io(keras.Sequential([keras.layers.Dense(2)]), "input")


@pytest.mark.parametrize("classname, bases, message", [
    ("my layer", [], "single name"),
    ("Fine", [42], "inherit from Python classes"),
])
def test_bad_classes_are_refused(classname, bases, message):
    with pytest.raises(PyKerasRError, match=message):
        new_class(classname, bases)
    with pytest.raises(PyKerasRError, match="expected one of"):
        base_class("widget")


def test_a_call_compiled_before_the_first_call_still_gives_gradients():
    """keras R 2.x's `model$call <- tf$`function`(model$call)` before the first call: Keras 3
    alone makes the variables inside the trace and every gradient is None; R's models run
    their first call eagerly, then the compiled one."""
    import tensorflow as tf

    from pykeras_r.tensors import RModel

    def builder(self):
        self.dense = keras.layers.Dense(4, use_bias=False)
        self.norm = keras.layers.BatchNormalization()
        return lambda inputs, mask: self.norm(self.dense(inputs), training=True)

    class Plain(keras.Model):
        def __init__(self):
            super().__init__()
            self.dense = keras.layers.Dense(4, use_bias=False)

        def call(self, inputs):
            return self.dense(inputs)

    noise = tf.random.normal((8, 3))

    def gradients(model):
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(model(noise) ** 2)
        return tape.gradient(loss, model.trainable_variables)

    plain = Plain()
    plain.call = tf.function(plain.call)
    assert gradients(plain) == [None]  # Keras 3's own behaviour: why R's models need this
    model = RModel(builder)
    model.call = tf.function(model.call)
    for _ in range(2):
        assert all(g is not None for g in gradients(model)) and len(model.trainable_variables) == 3
        assert isinstance(model.__dict__["call"], tf.types.experimental.PolymorphicFunction)
