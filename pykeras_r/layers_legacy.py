"""Keras 2 layers that Keras 3 removed, rewritten as small Keras 3 layers so that keras R 2.15's
verbs for them work: ``ThresholdedReLU``, ``LocallyConnected1D``/``2D`` (weights unshared across
positions, with Keras 2's weight shapes, so ``set_weights()`` takes Keras 2's arrays),
``RandomHeight``/``RandomWidth`` and ``DenseFeatures`` (TensorFlow feature columns); and
``RNN``, Keras 3's with Keras 2's cells of nested sizes. Each is
serializable (``keras.saving.register_keras_serializable``, package ``"pykeras_r"``), so a model
using one saves and loads once this module is imported (``load_model()`` imports it).

Shapes are Keras', batch axis first.
"""

from __future__ import annotations

import keras
from keras import ops

_PACKAGE = "pykeras_r"


def _pair(value, n: int, what: str) -> tuple:
    """One whole number or ``n`` of them -> a tuple of ``n`` ints."""
    values = tuple(value) if isinstance(value, (list, tuple)) else (value,) * n
    if len(values) != n:
        raise ValueError(f"`{what}` must be one whole number or {n} of them; got {value!r}.")
    return tuple(int(v) for v in values)


@keras.saving.register_keras_serializable(_PACKAGE)
class ThresholdedReLU(keras.layers.Layer):
    """``f(x) = x`` where ``x > theta``, else 0 (Keras 2's ThresholdedReLU); any shape, same shape out."""

    def __init__(self, theta=1.0, **kwargs):
        super().__init__(**kwargs)
        if theta is None or float(theta) < 0:
            raise ValueError(f"`theta` must be a number >= 0; got {theta!r}.")
        self.theta = float(theta)
        self.supports_masking = True

    def call(self, inputs):
        inputs = ops.convert_to_tensor(inputs, dtype=self.compute_dtype)
        return inputs * ops.cast(ops.greater(inputs, self.theta), inputs.dtype)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {**super().get_config(), "theta": self.theta}


class _LocallyConnected(keras.layers.Layer):
    """A convolution whose weights differ at each output position (Keras 2's LocallyConnected,
    its ``implementation = 1`` weights: kernel ``(positions, window size * input channels,
    filters)``). Only ``padding = "valid"``, as Keras 2."""

    rank = 0

    def __init__(self, filters, kernel_size, strides=1, padding="valid", data_format=None, activation=None,
                 use_bias=True, kernel_initializer="glorot_uniform", bias_initializer="zeros",
                 kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, implementation=1, **kwargs):
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        self.filters = int(filters)
        self.kernel_size = _pair(kernel_size, self.rank, "kernel_size")
        self.strides = _pair(strides, self.rank, "strides")
        if str(padding).lower() != "valid":
            raise ValueError(f"LocallyConnected layers take padding = \"valid\" only (as in Keras 2); got {padding!r}.")
        self.padding = "valid"
        self.data_format = data_format or keras.config.image_data_format()
        self.activation = keras.activations.get(activation)
        self.use_bias = bool(use_bias)
        self.kernel_initializer = keras.initializers.get(kernel_initializer)
        self.bias_initializer = keras.initializers.get(bias_initializer)
        self.kernel_regularizer = keras.regularizers.get(kernel_regularizer)
        self.bias_regularizer = keras.regularizers.get(bias_regularizer)
        self.kernel_constraint = keras.constraints.get(kernel_constraint)
        self.bias_constraint = keras.constraints.get(bias_constraint)
        self.implementation = int(implementation)  # Keras 2's three ways to compute the same thing

    def _channels_last(self, shape):
        return shape if self.data_format == "channels_last" else (shape[0], *shape[2:], shape[1])

    def _positions(self, spatial):
        out = []
        for size, k, s in zip(spatial, self.kernel_size, self.strides):
            if size is None:
                raise ValueError("LocallyConnected layers need the input's spatial size (no None axis).")
            n = (size - k) // s + 1
            if n < 1:
                raise ValueError(f"the window {self.kernel_size} is larger than the input {tuple(spatial)}.")
            out.append(n)
        return tuple(out)

    def build(self, input_shape):
        shape = self._channels_last(tuple(input_shape))
        self.output_positions = self._positions(shape[1:-1])
        count = 1
        for n in self.output_positions:
            count *= n
        window = 1
        for k in self.kernel_size:
            window *= k
        self.kernel = self.add_weight(name="kernel", shape=(count, window * shape[-1], self.filters),
                                      initializer=self.kernel_initializer, regularizer=self.kernel_regularizer,
                                      constraint=self.kernel_constraint)
        self.bias = self.add_weight(name="bias", shape=(*self.output_positions, self.filters),
                                    initializer=self.bias_initializer, regularizer=self.bias_regularizer,
                                    constraint=self.bias_constraint) if self.use_bias else None

    def call(self, inputs):
        x = inputs if self.data_format == "channels_last" else ops.moveaxis(inputs, 1, -1)
        patches = []
        for index in _grid(self.output_positions):  # Keras 2's order: the last axis fastest
            window = x[(slice(None),) + tuple(slice(i * s, i * s + k) for i, s, k in
                                              zip(index, self.strides, self.kernel_size))]
            patches.append(ops.reshape(window, (-1, window.shape[-1] * _product(self.kernel_size))))
        patches = ops.stack(patches, axis=1)                            # (batch, positions, window)
        out = ops.einsum("bpw,pwf->bpf", patches, self.kernel)          # (batch, positions, filters)
        out = ops.reshape(out, (-1, *self.output_positions, self.filters))
        if self.use_bias:
            out = out + self.bias
        out = self.activation(out)
        return out if self.data_format == "channels_last" else ops.moveaxis(out, -1, 1)

    def compute_output_shape(self, input_shape):
        shape = self._channels_last(tuple(input_shape))
        out = (shape[0], *self._positions(shape[1:-1]), self.filters)
        return out if self.data_format == "channels_last" else (out[0], out[-1], *out[1:-1])

    def get_config(self):
        s = keras.saving.serialize_keras_object
        return {**super().get_config(), "filters": self.filters, "kernel_size": self.kernel_size,
                "strides": self.strides, "padding": self.padding, "data_format": self.data_format,
                "activation": s(self.activation), "use_bias": self.use_bias,
                "kernel_initializer": s(self.kernel_initializer), "bias_initializer": s(self.bias_initializer),
                "kernel_regularizer": s(self.kernel_regularizer), "bias_regularizer": s(self.bias_regularizer),
                "kernel_constraint": s(self.kernel_constraint), "bias_constraint": s(self.bias_constraint),
                "implementation": self.implementation}


def _product(values) -> int:
    out = 1
    for v in values:
        out *= v
    return out


def _grid(sizes):
    """Every index of a grid of ``sizes``, the last axis fastest."""
    if not sizes:
        yield ()
        return
    for i in range(sizes[0]):
        for rest in _grid(sizes[1:]):
            yield (i, *rest)


@keras.saving.register_keras_serializable(_PACKAGE)
class LocallyConnected1D(_LocallyConnected):
    """Input ``(batch, steps, channels)``; output ``(batch, (steps - kernel_size) // strides + 1, filters)``."""

    rank = 1


@keras.saving.register_keras_serializable(_PACKAGE)
class LocallyConnected2D(_LocallyConnected):
    """Input ``(batch, rows, cols, channels)``; output ``(batch, new_rows, new_cols, filters)``."""

    rank = 2


class _RandomSize(keras.layers.Layer):
    """Keras 2's RandomHeight / RandomWidth: during training, resize one axis of images
    ``(batch, height, width, channels)`` (or one image without the batch axis) by a factor drawn
    from ``[1 + lower, 1 + upper]``, the same for the whole batch; identity otherwise."""

    axis = 0  # 0: height, 1: width (of the image axes)

    def __init__(self, factor, interpolation="bilinear", seed=None, **kwargs):
        super().__init__(**kwargs)
        if isinstance(factor, (list, tuple)):
            lower, upper = (float(f) for f in factor)
        else:
            lower, upper = -float(factor), float(factor)
        if upper < lower or lower < -1.0:
            raise ValueError(f"`factor` must be a number or a range (lower, upper) with -1 <= lower <= upper; "
                             f"got {factor!r}.")
        self.factor = factor
        self.lower, self.upper = lower, upper
        self.interpolation = interpolation
        self.seed = seed
        self.seed_generator = keras.random.SeedGenerator(seed)

    def call(self, inputs, training=True):
        if not training:
            return inputs
        images = inputs if len(inputs.shape) == 4 else ops.expand_dims(inputs, 0)
        factor = keras.random.uniform((), 1.0 + self.lower, 1.0 + self.upper, seed=self.seed_generator)
        size = [ops.shape(images)[1], ops.shape(images)[2]]
        size[self.axis] = ops.cast(factor * ops.cast(size[self.axis], "float32"), "int32")
        if keras.backend.backend() == "tensorflow":
            import tensorflow as tf

            out = tf.image.resize(images, tf.stack(size), method=self.interpolation)
        else:  # eager backends: the drawn size as a number
            out = ops.image.resize(images, tuple(int(s) for s in size), interpolation=self.interpolation)
        out = ops.cast(out, self.compute_dtype)
        return out if len(inputs.shape) == 4 else out[0]

    def compute_output_shape(self, input_shape):
        shape = list(input_shape)
        shape[-3 + self.axis] = None
        return tuple(shape)

    def get_config(self):
        return {**super().get_config(), "factor": self.factor, "interpolation": self.interpolation,
                "seed": self.seed}


@keras.saving.register_keras_serializable(_PACKAGE)
class RandomHeight(_RandomSize):
    """Resize the height at random during training (Keras 2's RandomHeight)."""

    axis = 0


@keras.saving.register_keras_serializable(_PACKAGE)
class RandomWidth(_RandomSize):
    """Resize the width at random during training (Keras 2's RandomWidth)."""

    axis = 1


@keras.saving.register_keras_serializable(_PACKAGE)
class DenseFeatures(keras.layers.Layer):
    """Keras 2's DenseFeatures: a dict of input tensors (one per feature name) through TensorFlow
    feature columns (``tf.feature_column.numeric_column()``, ``indicator_column()``,
    ``bucketized_column()``, ``embedding_column()``...) into one dense float tensor
    ``(batch, total width)``, the columns in order of their names, as Keras 2 did. Needs the
    TensorFlow backend (feature columns are TensorFlow's)."""

    def __init__(self, feature_columns, trainable=True, name=None, **kwargs):
        super().__init__(trainable=trainable, name=name, **kwargs)
        columns = list(feature_columns) if isinstance(feature_columns, (list, tuple)) else [feature_columns]
        if not columns:
            raise ValueError("`feature_columns` must hold at least one feature column.")
        for column in columns:
            if not hasattr(column, "get_dense_tensor") or not hasattr(column, "variable_shape"):
                raise ValueError(f"`feature_columns` must be dense feature columns (numeric_column(), "
                                 f"indicator_column(), embedding_column()...); got {column!r}.")
        self.feature_columns = sorted(columns, key=lambda c: c.name)
        self._state = None

    def build(self, input_shape=None):
        self._state = _StateManager(self)
        for column in self.feature_columns:
            column.create_state(self._state)
        self.built = True

    def call(self, features):
        from tensorflow.python.feature_column import feature_column_v2 as fc

        if not isinstance(features, dict):
            raise ValueError("DenseFeatures takes a dict of tensors, one per feature name "
                             f"(a named list in R); got {type(features).__name__}.")
        cache = fc.FeatureTransformationCache(features)
        outputs = []
        for column in self.feature_columns:
            dense = column.get_dense_tensor(cache, self._state)
            width = _product(column.variable_shape)
            outputs.append(ops.reshape(ops.cast(dense, self.compute_dtype), (-1, width)))
        return ops.concatenate(outputs, axis=1)

    def compute_output_shape(self, input_shape):
        return (None, sum(_product(c.variable_shape) for c in self.feature_columns))

    def get_config(self):
        from tensorflow.python.feature_column import serialization

        return {**super().get_config(),
                "feature_columns": serialization.serialize_feature_columns(self.feature_columns)}

    @classmethod
    def from_config(cls, config):
        from tensorflow.python.feature_column import serialization

        config = dict(config)
        config["feature_columns"] = serialization.deserialize_feature_columns(config["feature_columns"])
        return cls(**config)


class _StateManager:
    """TensorFlow's feature-column StateManager interface, keeping the columns' variables (an
    embedding column's table) as weights of the Keras 3 layer, so that they train and save."""

    def __init__(self, layer):
        self._layer = layer
        self._variables: dict = {}

    def create_variable(self, feature_column, name, shape, dtype=None, trainable=True, use_resource=True,
                        initializer=None):
        key = (feature_column.name, name)
        if key not in self._variables:
            self._variables[key] = self._layer.add_weight(
                name=f"{feature_column.name}/{name}".replace("/", "_"), shape=tuple(shape), dtype=dtype or "float32",
                initializer=_initializer(initializer), trainable=trainable and self._layer.trainable)
        return self._variables[key]

    def get_variable(self, feature_column, name):
        return self._variables[(feature_column.name, name)].value

    def add_variable(self, feature_column, var):
        self._variables[(feature_column.name, var.name)] = var

    def has_resource(self, feature_column, name):
        return False

    def add_resource(self, feature_column, name, resource):
        raise NotImplementedError("feature columns with resources (hash tables of vocabulary files) are not "
                                  "supported here; use layer_string_lookup() / layer_integer_lookup().")

    def get_resource(self, feature_column, name):
        raise KeyError(name)


def _initializer(initializer):
    """A TensorFlow initializer (a callable of shape and dtype) as a Keras 3 one."""
    if initializer is None:
        return "zeros"

    def initialize(shape, dtype=None):
        return initializer(shape, dtype=dtype)

    return initialize


def _size(size) -> tuple:
    """A cell's state or output size as a shape without the batch axis: 3 -> (3,), (2, 4) -> (2, 4)."""
    if isinstance(size, int):
        return (size,)
    return tuple(int(d) for d in size)


@keras.saving.register_keras_serializable(_PACKAGE)
class RNN(keras.layers.RNN):
    """``keras.layers.RNN`` and, as Keras 2's, cells with nested sizes: a cell whose
    ``state_size`` and ``output_size`` are lists of shapes (``list(shape(10), shape(20, 30))``),
    run on a tuple of sequences ``((batch, time, 32), (batch, time, 64, 32))``, which Keras 3's RNN
    refuses ("output_size must be an integer"). The cell's ``build()`` gets the list of one step's
    input shapes; its ``call(inputs, states)`` the list of one step's inputs and of the states, and
    returns ``(outputs, new_states)``. Any other cell runs as in ``keras.layers.RNN``."""

    def _nested(self) -> bool:
        # Keras 3's cells (StackedRNNCells of LSTM cells included) give one whole number
        return isinstance(getattr(self.cell, "output_size", None), (list, tuple))

    def _output_sizes(self) -> list:
        output_size = getattr(self.cell, "output_size", None)
        sizes = output_size if isinstance(output_size, (list, tuple)) else [output_size or self.state_size[0]]
        return [_size(s) for s in sizes]

    def compute_output_shape(self, sequences_shape, initial_state_shape=None):
        if not self._nested():
            return super().compute_output_shape(sequences_shape, initial_state_shape)
        first = _shapes(sequences_shape)[0]
        batch, length = first[0], first[1]
        steps = (batch, length) if self.return_sequences else (batch,)
        outputs = [(*steps, *size) for size in self._output_sizes()]
        if self.return_state:
            return outputs, *[(batch, *_size(s)) for s in self.state_size]
        return outputs

    def build(self, sequences_shape, initial_state_shape=None):
        if not self._nested():
            return super().build(sequences_shape, initial_state_shape)
        if isinstance(self.cell, keras.layers.Layer) and not self.cell.built:
            self.cell.build([(s[0], *s[2:]) for s in _shapes(sequences_shape)])
            self.cell.built = True
        if self.stateful:
            raise ValueError("stateful = TRUE is not supported with a cell of nested sizes.")

    def get_initial_state(self, batch_size):
        if not self._nested():
            return super().get_initial_state(batch_size)
        return [ops.zeros((batch_size, *_size(s)), dtype=self.cell.compute_dtype) for s in self.state_size]

    def call(self, sequences, initial_state=None, mask=None, training=False):
        if not self._nested():
            return super().call(sequences, initial_state=initial_state, mask=mask, training=training)
        flat = keras.tree.flatten(sequences)
        masks = [m for m in keras.tree.flatten(mask) if m is not None] if mask is not None else []
        mask = masks[0] if masks else None  # one mask of the time steps, as Keras 2
        if initial_state is None:
            initial_state = self.get_initial_state(ops.shape(flat[0])[0])
        initial_state = [ops.convert_to_tensor(s, dtype=self.cell.compute_dtype) for s in initial_state]
        kwargs = {"training": training} if getattr(self.cell, "_call_has_training_arg", False) else {}

        def step(inputs, states):
            output, new_states = self.cell(inputs, states, **kwargs)
            return output, list(new_states) if isinstance(new_states, (list, tuple)) else [new_states]

        last, outputs, states = keras.src.backend.rnn(
            step, sequences if isinstance(sequences, (list, tuple)) else [sequences], initial_state,
            go_backwards=self.go_backwards, mask=mask, unroll=self.unroll, input_length=flat[0].shape[1],
            zero_output_for_mask=self.zero_output_for_mask, return_all_outputs=self.return_sequences)
        output = outputs if self.return_sequences else last
        output = list(output) if isinstance(output, (list, tuple)) else [output]
        if self.return_state:
            return output, *states
        return output


def _shapes(structure) -> list:
    """The shapes of a structure of shapes: ((None, 5, 3), (None, 5, 2, 4)) -> a list of tuples."""
    if isinstance(structure, (list, tuple)) and structure and isinstance(structure[0], (list, tuple)):
        return [tuple(s) for s in structure]
    return [tuple(structure)]
