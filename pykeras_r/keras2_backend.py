"""keras R 2.x's backend functions (``k_*``, ``backend()``) that Keras 3 has no twin of, written on
``keras.ops`` and, where Keras 3 has no operation (sparse tensors, CTC, transposed convolution to a
given shape), on TensorFlow, with TensorFlow Keras 2.15's ``keras.backend`` meaning: Python's
0-based axes (R's converters made them so), the same shapes and the same values.

This module is also what ``backend()`` returns in R (keras R 2.x's ``K <- backend(); K$mean(x)``):
a name it does not define is looked up in ``keras.backend``, ``keras.ops`` and
``pykeras_r.tensors`` (``K$epsilon()``, ``K$mean()``, ``K$constant()``), with Keras 2's names for
the random functions (``K$random_normal()``).
"""

from __future__ import annotations

import itertools

import numpy as np

from ._startup import import_keras
from .errors import PyKerasRError

keras = import_keras()
ops = keras.ops


def _tf():
    import tensorflow as tf  # the backend pykeras_r runs Keras on

    return tf


def _data_format(data_format):
    data_format = data_format or keras.backend.image_data_format()
    if data_format not in ("channels_first", "channels_last"):
        raise PyKerasRError(f"data_format must be \"channels_last\" or \"channels_first\", not {data_format!r}.")
    return data_format


def _axes(axes) -> list:
    return [axes] if isinstance(axes, int) else list(axes)


# --------------------------------------------------------------------------- shapes and values


def batch_dot(x, y, axes=None):
    """The dot product of each sample of ``x`` with the same sample of ``y`` (axis 0 is the
    batch), summing ``x``'s axis ``axes[0]`` against ``y``'s ``axes[1]`` (one number: both). The
    result has ``x``'s other axes, then ``y``'s; two matrices give shape ``(batch, 1)``."""
    x, y = ops.convert_to_tensor(x), ops.convert_to_tensor(y)
    x_ndim, y_ndim = len(x.shape), len(y.shape)
    if axes is None:
        axes = [x_ndim - 1, y_ndim - 1 if y_ndim == 2 else y_ndim - 2]
    axes = _axes(axes) * (2 if isinstance(axes, int) or len(_axes(axes)) == 1 else 1)
    a0, a1 = (a + n if a < 0 else a for a, n in zip(axes, (x_ndim, y_ndim)))
    if 0 in (a0, a1):
        raise PyKerasRError("batch_dot cannot sum over the batch axis (the first): choose other axes.")
    x, y = ops.moveaxis(x, a0, -1), ops.moveaxis(y, a1, 1)
    x_mid, y_trail, inner = tuple(x.shape[1:-1]), tuple(y.shape[2:]), x.shape[-1]
    # the batch axis as -1: unknown (None) in a functional model or layer_lambda()
    product = ops.matmul(ops.reshape(x, (-1, int(np.prod(x_mid)), inner)),
                         ops.reshape(y, (-1, inner, int(np.prod(y_trail)))))
    return ops.reshape(product, (-1,) + (x_mid + y_trail or (1,)))


def batch_flatten(x):
    """``x`` as a matrix: one row per sample (row-major order)."""
    x = ops.convert_to_tensor(x)
    return ops.reshape(x, (-1, int(np.prod(x.shape[1:]))))


def repeat(x, n):
    """A matrix ``(samples, dim)`` made ``(samples, n, dim)`` by repeating each row ``n`` times."""
    return ops.repeat(ops.expand_dims(x, 1), n, axis=1)


def gather(reference, indices):
    """The slices of ``reference`` along its first axis at ``indices`` (0-based)."""
    return ops.take(reference, indices, axis=0)


def identity(x, name=None):
    """A copy of ``x`` (``name``: Keras 3 tensors have none)."""
    return ops.copy(x)


def cast_to_floatx(x):
    """``x`` with Keras' float type: a tensor stays a tensor, anything else becomes an array."""
    if ops.is_tensor(x):
        return ops.cast(x, keras.config.floatx())
    return np.asarray(x, dtype=keras.config.floatx())


def dtype(x) -> str:
    """The type of a tensor or variable's values, e.g. ``"float32"``."""
    return keras.backend.standardize_dtype(x.dtype)


def count_params(x) -> int:
    """The number of values in a tensor or variable."""
    return int(np.prod(tuple(x.shape), dtype=np.int64))


def is_sparse(tensor) -> bool:
    """Whether ``tensor`` is a sparse tensor."""
    return isinstance(tensor, _tf().SparseTensor)


def to_dense(tensor):
    """A sparse tensor as an ordinary one (zeros where it has no value); others unchanged."""
    return _tf().sparse.to_dense(tensor) if is_sparse(tensor) else tensor


def print_tensor(x, message="", summarize=3):
    """Print ``message`` and ``x``'s values; return ``x`` unchanged."""
    import sys

    _tf().print(message, x, output_stream=sys.stdout, summarize=summarize)
    return x


def reset_uids():
    """Start the counters of ``get_uid()`` again."""
    from keras.src.utils.naming import reset_uids as reset

    reset()


# --------------------------------------------------------------------------- variables


def variable(value, dtype=None, name=None, constraint=None):
    """A Keras variable holding ``value`` (type ``dtype``, default Keras' float type);
    ``constraint`` is kept on it as ``variable.constraint`` (as TensorFlow's variables did)."""
    var = keras.Variable(np.asarray(value) if not ops.is_tensor(value) else value,
                         dtype=dtype or keras.config.floatx(), name=name)
    if constraint is not None:
        var.constraint = constraint
    return var


def _values_for(x, value):
    return ops.cast(ops.convert_to_tensor(value), x.dtype)


def set_value(x, value):
    """Set the values of the variable ``x`` (same shape)."""
    x.assign(_values_for(x, value))


def batch_set_value(tuples):
    """Set several variables: ``tuples`` holds pairs ``(variable, value)``."""
    for x, value in tuples:
        set_value(x, value)


def batch_get_value(tensors):
    """The values of several tensors or variables, each as an array."""
    return [ops.convert_to_numpy(x) for x in tensors]


def update(x, new_x):
    """Set the variable ``x`` to ``new_x``; return it."""
    x.assign(_values_for(x, new_x))
    return x


def update_add(x, increment):
    """Add ``increment`` to the variable ``x``; return it."""
    x.assign_add(_values_for(x, increment))
    return x


def update_sub(x, decrement):
    """Subtract ``decrement`` from the variable ``x``; return it."""
    x.assign_sub(_values_for(x, decrement))
    return x


def moving_average_update(x, value, momentum):
    """Set the variable ``x`` to ``x * momentum + value * (1 - momentum)``; return it."""
    x.assign(x * momentum + _values_for(x, value) * (1 - momentum))
    return x


def random_normal_variable(shape, mean, scale, dtype=None, name=None, seed=None):
    """A variable of normal random values (``scale``: the standard deviation)."""
    return variable(keras.random.normal(shape, mean, scale, dtype=dtype, seed=seed), dtype, name)


def random_uniform_variable(shape, low, high, dtype=None, name=None, seed=None):
    """A variable of uniform random values in ``[low, high)``."""
    return variable(keras.random.uniform(shape, low, high, dtype=dtype, seed=seed), dtype, name)


def random_bernoulli(shape, p=0.0, dtype=None, seed=None):
    """1 with probability ``p``, else 0, of type ``dtype`` (Keras' float type by default)."""
    draws = keras.random.uniform(shape, seed=seed)
    return ops.cast(ops.less_equal(draws, p), dtype or keras.config.floatx())


# --------------------------------------------------------------------------- control flow


def _value(x):
    return x() if callable(x) and not ops.is_tensor(x) else x


def _training(training):
    if training is None:  # inside a layer's call: the call's training flag, as Keras 2 had it
        from keras.src.backend.common import global_state

        context = global_state.get_global_attribute("current_call_ctx")
        training = context.get_value("training") if context is not None else None
    return bool(training) if training is not None and not ops.is_tensor(training) else training


def switch(condition, then_expression, else_expression):
    """``then_expression`` where ``condition`` is true, else ``else_expression``: a scalar
    condition picks one whole expression; one of lower rank applies along the first axes.
    Either expression may be a function without arguments, called when needed."""
    condition = ops.convert_to_tensor(condition)
    if len(condition.shape) == 0:
        return _value(then_expression) if bool(condition) else _value(else_expression)
    then_value = ops.convert_to_tensor(_value(then_expression))
    else_value = ops.convert_to_tensor(_value(else_expression))
    while len(condition.shape) < len(then_value.shape):
        condition = ops.expand_dims(condition, -1)
    return ops.where(condition, then_value, else_value)


def in_train_phase(x, alt, training=None):
    """``x`` when training, else ``alt`` (either may be a function without arguments).
    ``training`` ``None``: the training flag of the layer call it runs in; outside one, not
    training (Keras 3 has no global learning phase; keras R 2.x's was 0 outside ``fit()``)."""
    training = _training(training)
    if ops.is_tensor(training):
        return ops.where(ops.cast(training, "bool"), _value(x), _value(alt))
    return _value(x) if training else _value(alt)


def in_test_phase(x, alt, training=None):
    """``x`` when not training, else ``alt``: ``in_train_phase(alt, x, training)``."""
    return in_train_phase(alt, x, training)


def _unstacked(elems):
    elems = ops.convert_to_tensor(elems)
    return [elems[i] for i in range(elems.shape[0])]


def foldl(fn, elems, initializer=None, name=None):
    """``fn(accumulator, element)`` over the first axis of ``elems``, from the first element;
    without ``initializer`` the first element is the start."""
    items = _unstacked(elems)
    accumulator = items.pop(0) if initializer is None else initializer
    for item in items:
        accumulator = fn(accumulator, item)
    return accumulator


def foldr(fn, elems, initializer=None, name=None):
    """``foldl()`` from the last element to the first."""
    items = _unstacked(elems)[::-1]
    accumulator = items.pop(0) if initializer is None else initializer
    for item in items:
        accumulator = fn(accumulator, item)
    return accumulator


def map_fn(fn, elems, name=None, dtype=None):
    """``fn`` on each element along the first axis of ``elems``, the results stacked."""
    result = ops.stack([ops.convert_to_tensor(fn(item)) for item in _unstacked(elems)])
    return result if dtype is None else ops.cast(result, dtype)


def rnn(step_function, inputs, initial_states, go_backwards=False, mask=None, constants=None,
        unroll=False, input_length=None):
    """Run ``step_function(inputs_t, states)`` -> ``(output_t, new_states)`` over the time axis
    (axis 1) of ``inputs``: ``[last_output, outputs, new_states]``."""
    from keras.src import backend

    last, outputs, states = backend.rnn(step_function, inputs, list(initial_states), go_backwards=go_backwards,
                                        mask=mask, constants=constants, unroll=unroll, input_length=input_length)
    return [last, outputs, list(states)]


# --------------------------------------------------------------------------- convolution and pooling


def conv(x, kernel, strides=1, padding="valid", data_format=None, dilation_rate=1):
    """Convolution (1D, 2D or 3D by the kernel's rank); ``padding`` ``"causal"`` (1D) pads the
    start of the sequence so that no output sees later steps."""
    data_format = _data_format(data_format)
    if padding == "causal":
        left = int(np.max(dilation_rate)) * (int(kernel.shape[0]) - 1)
        x = temporal_padding(x, (left, 0)) if data_format == "channels_last" else \
            ops.pad(x, ((0, 0), (0, 0), (left, 0)))
        padding = "valid"
    return ops.conv(x, kernel, strides=strides, padding=padding, data_format=data_format,
                    dilation_rate=dilation_rate)


def conv_transpose(x, kernel, output_shape, strides=1, padding="valid", data_format=None):
    """Transposed convolution (2D or 3D) to ``output_shape`` (with the batch axis); ``kernel``
    has shape ``(spatial..., output channels, input channels)``."""
    tf = _tf()
    data_format = _data_format(data_format)
    rank = len(kernel.shape) - 2
    output_shape = [int(d) for d in output_shape]
    if data_format == "channels_first":  # TensorFlow's CPU kernels want channels last
        x = ops.moveaxis(x, 1, -1)
        output_shape = [output_shape[0]] + output_shape[2:] + [output_shape[1]]
    strides = (1,) + tuple(strides if not isinstance(strides, int) else (strides,) * rank) + (1,)
    function = tf.nn.conv2d_transpose if rank == 2 else tf.nn.conv3d_transpose
    kernel = tf.convert_to_tensor(kernel, dtype=x.dtype)
    y = function(ops.convert_to_tensor(x), kernel, output_shape, strides, padding=padding.upper())
    return ops.moveaxis(y, -1, 1) if data_format == "channels_first" else y


def pool(x, pool_size, strides=1, padding="valid", data_format=None, pool_mode="max"):
    """Max (``pool_mode = "max"``) or average (``"avg"``) pooling, 2D or 3D."""
    if pool_mode not in ("max", "avg"):
        raise PyKerasRError(f"pool_mode must be \"max\" or \"avg\", not {pool_mode!r}.")
    function = ops.max_pool if pool_mode == "max" else ops.average_pool
    return function(x, pool_size, strides=strides, padding=padding, data_format=_data_format(data_format))


def local_conv(inputs, kernel, kernel_size, strides, output_shape, data_format=None):
    """Locally connected convolution (unshared weights): ``kernel`` has shape
    ``(output positions, kernel values x input channels, filters)``."""
    data_format = _data_format(data_format)
    kernel = ops.convert_to_tensor(kernel)
    feature_dim, channels_out = int(kernel.shape[1]), int(kernel.shape[-1])
    output_shape, ndims = tuple(int(d) for d in output_shape), len(output_shape)
    kernel_size, strides = (_axes(v) * (ndims if len(_axes(v)) == 1 else 1) for v in (kernel_size, strides))
    patches = []
    for position in itertools.product(*(range(n) for n in output_shape)):
        index = [slice(None)] + ([slice(None)] if data_format == "channels_first" else [])
        index += [slice(p * s, p * s + k) for p, s, k in zip(position, strides, kernel_size)]
        index += [slice(None)] if data_format == "channels_last" else []
        patches.append(ops.reshape(inputs[tuple(index)], (1, -1, feature_dim)))
    output = batch_dot(ops.concatenate(patches, axis=0), kernel)
    output = ops.reshape(output, output_shape + (-1, channels_out))
    spatial = list(range(ndims))
    permutation = [ndims, ndims + 1] + spatial if data_format == "channels_first" else [ndims] + spatial + [ndims + 1]
    return ops.transpose(output, permutation)


def local_conv1d(inputs, kernel, kernel_size, strides, data_format=None):
    """``local_conv()`` over one axis: ``kernel_size`` and ``strides`` whole numbers."""
    size, stride = _axes(kernel_size)[0], _axes(strides)[0]
    return local_conv(inputs, kernel, (size,), (stride,), (int(kernel.shape[0]),), data_format)


def bias_add(x, bias, data_format=None):
    """``x + bias`` along the channel axis (the last, or the second with ``"channels_first"``);
    ``bias`` is a vector or has ``x``'s axes but the first."""
    data_format = _data_format(data_format)
    bias = ops.convert_to_tensor(bias, dtype=ops.convert_to_tensor(x).dtype)
    ndim, bias_shape = len(x.shape), tuple(bias.shape)
    if len(bias_shape) not in (1, ndim - 1):
        raise PyKerasRError(f"bias must be a vector or have {ndim - 1} axes, not shape {bias_shape}.")
    if data_format == "channels_first" and ndim > 2:
        target = (1, bias_shape[0]) + (1,) * (ndim - 2) if len(bias_shape) == 1 else \
            (1, bias_shape[-1]) + bias_shape[:-1]
        return x + ops.reshape(bias, target)
    return x + bias


def resize_images(x, height_factor, width_factor, data_format, interpolation="nearest"):
    """Images made ``height_factor`` times taller and ``width_factor`` times wider by repeating
    each pixel."""
    first = 2 if _data_format(data_format) == "channels_first" else 1
    return ops.repeat(ops.repeat(x, height_factor, axis=first), width_factor, axis=first + 1)


def resize_volumes(x, depth_factor, height_factor, width_factor, data_format):
    """Volumes made larger along their three spatial axes by repeating each value."""
    first = 2 if _data_format(data_format) == "channels_first" else 1
    for axis, factor in enumerate((depth_factor, height_factor, width_factor), start=first):
        x = ops.repeat(x, factor, axis=axis)
    return x


def _pairs(padding, n):
    pairs = [[int(p) for p in pair] for pair in padding]
    if len(pairs) != n or any(len(pair) != 2 for pair in pairs):
        raise PyKerasRError(f"padding must be {n} pairs (before, after), e.g. list(list(1, 1), ...).")
    return pairs


def temporal_padding(x, padding=(1, 1)):
    """Zeros added before and after the time axis (axis 1) of a 3D tensor."""
    before, after = (int(p) for p in padding)
    return ops.pad(x, ((0, 0), (before, after), (0, 0)))


def _spatial_padding(x, padding, data_format, n):
    pairs = _pairs(padding, n)
    pad = [[0, 0]] + pairs + [[0, 0]] if _data_format(data_format) == "channels_last" else [[0, 0], [0, 0]] + pairs
    return ops.pad(x, pad)


def spatial_2d_padding(x, padding=((1, 1), (1, 1)), data_format=None):
    """Zeros added around the height and width of 4D images."""
    return _spatial_padding(x, padding, data_format, 2)


def spatial_3d_padding(x, padding=((1, 1), (1, 1), (1, 1)), data_format=None):
    """Zeros added around the depth, height and width of 5D volumes."""
    return _spatial_padding(x, padding, data_format, 3)


# --------------------------------------------------------------------------- normalization


def normalize_batch_in_training(x, gamma, beta, reduction_axes, epsilon=1e-3):
    """``[normalized x, mean, variance]``: mean and variance over ``reduction_axes`` (0-based),
    ``x`` normalized with them, scaled by ``gamma`` and shifted by ``beta`` (either ``None``)."""
    x = ops.convert_to_tensor(x)
    axes = sorted(a % len(x.shape) for a in _axes(reduction_axes))
    mean, var = ops.moments(x, axes)
    target = [1 if i in axes else int(d) for i, d in enumerate(x.shape)]
    normed = (x - ops.reshape(mean, target)) * ops.rsqrt(ops.reshape(var, target) + epsilon)
    if gamma is not None:
        normed = normed * ops.reshape(gamma, target)
    if beta is not None:
        normed = normed + ops.reshape(beta, target)
    return [normed, mean, var]


# --------------------------------------------------------------------------- CTC


def ctc_label_dense_to_sparse(labels, label_lengths):
    """Labels of shape ``(samples, max length)``, of which each sample's first ``label_lengths``
    count, as a sparse tensor."""
    tf = _tf()
    labels = tf.convert_to_tensor(labels)
    lengths = tf.cast(tf.reshape(label_lengths, [-1]), tf.int64)
    mask = tf.range(tf.shape(labels, out_type=tf.int64)[1])[tf.newaxis, :] < lengths[:, tf.newaxis]
    indices = tf.where(mask)
    return tf.SparseTensor(indices, tf.gather_nd(labels, indices), tf.shape(labels, out_type=tf.int64))


def ctc_batch_cost(y_true, y_pred, input_length, label_length):
    """The CTC loss of each sample, shape ``(samples, 1)``: ``y_pred`` softmax outputs
    ``(samples, steps, classes)`` whose last class is the blank; ``y_true`` labels ``(samples,
    max length)``; ``input_length`` and ``label_length`` shape ``(samples, 1)``."""
    tf = _tf()
    label_length = tf.cast(tf.reshape(label_length, [-1]), tf.int32)
    input_length = tf.cast(tf.reshape(input_length, [-1]), tf.int32)
    sparse_labels = tf.cast(ctc_label_dense_to_sparse(y_true, label_length), tf.int32)
    log_probs = tf.math.log(tf.transpose(y_pred, perm=[1, 0, 2]) + keras.config.epsilon())
    loss = tf.compat.v1.nn.ctc_loss(inputs=log_probs, labels=sparse_labels, sequence_length=input_length,
                                    ignore_longer_outputs_than_inputs=True)
    return tf.expand_dims(loss, 1)


def ctc_decode(y_pred, input_length, greedy=True, beam_width=100, top_paths=1):
    """``[paths, log probabilities]``: ``paths`` a list of ``top_paths`` label matrices
    ``(samples, steps)`` padded with -1; greedy (best class per step) or beam search."""
    tf = _tf()
    y_pred = tf.convert_to_tensor(y_pred)
    samples, steps = y_pred.shape[0], y_pred.shape[1]
    log_probs = tf.math.log(tf.transpose(y_pred, perm=[1, 0, 2]) + keras.config.epsilon())
    input_length = tf.cast(tf.reshape(input_length, [-1]), tf.int32)
    if greedy:
        decoded, log_prob = tf.nn.ctc_greedy_decoder(inputs=log_probs, sequence_length=input_length)
    else:
        decoded, log_prob = tf.compat.v1.nn.ctc_beam_search_decoder(
            inputs=log_probs, sequence_length=input_length, beam_width=beam_width, top_paths=top_paths)
    paths = [tf.sparse.to_dense(tf.SparseTensor(st.indices, st.values, (samples, steps)), default_value=-1)
             for st in decoded]
    return [paths, log_prob]


# --------------------------------------------------------------------------- backend() in R

# Keras 2's names of functions Keras 3 has elsewhere.
_KERAS2_NAMES = {"random_normal": keras.random.normal, "truncated_normal": keras.random.truncated_normal,
                 "random_binomial": random_bernoulli}


def __getattr__(name):
    """``backend()$name`` for a name this module does not define: Keras 2's name, then
    ``keras.backend``, ``keras.ops`` and ``pykeras_r.tensors``."""
    if name in _KERAS2_NAMES:
        return _KERAS2_NAMES[name]
    from . import tensors

    for module in (keras.backend, keras.ops, tensors):
        if not name.startswith("_") and hasattr(module, name):
            return getattr(module, name)
    raise AttributeError(f"Keras 3's backend has no {name!r} (keras R 2.x's TensorFlow 1 graph-mode functions, "
                         "such as placeholders and sessions, are gone)")
