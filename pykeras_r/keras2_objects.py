"""Keras 2 classes as keras R 2.x's verbs made them, where Keras 3 dropped them or behaves
otherwise: ``metric_mean_relative_error()`` (``MeanRelativeError``) and ``metric_mean_tensor()``
(``MeanTensor``), written on Keras 3's ``Metric`` with TensorFlow 2.15's behaviour (its
``tf.keras.metrics`` classes of the same names); ``metric_mean_wrapper()``
(``MeanMetricWrapper``, named as TensorFlow 2.15 named it); ``callback_backup_and_restore()``
(``BackupAndRestore``, leaving later fits alone as TensorFlow 2.15's did); ``multi_gpu_model()``
(``DataParallel``: Keras 2's data parallelism, which TensorFlow 2.4 removed).
``api.make_keras_object`` looks in ``KERAS2_CLASSES`` first."""

from __future__ import annotations

import numpy as np

from ._startup import import_keras
from .errors import PyKerasRError, show

_keras = import_keras()  # Keras' environment is set before Keras is imported
ops = _keras.ops


class MeanMetricWrapper(_keras.metrics.MeanMetricWrapper):
    """Keras 3's ``MeanMetricWrapper``, whose unnamed objects are all ``mean_metric_wrapper`` as in
    TensorFlow 2.15 (Keras 3 numbers them: ``mean_metric_wrapper_1``...), so that a history's
    names do not depend on how many were made before."""

    def __init__(self, fn, name=None, dtype=None, **kwargs):
        super().__init__(fn, name=name or "mean_metric_wrapper", dtype=dtype, **kwargs)


class MeanRelativeError(_keras.metrics.Mean):
    """The running mean of ``|y_pred - y_true| / normalizer`` (``normalizer``: values of the
    predictions' shape, or one that broadcasts to it), weighted by ``sample_weight``."""

    def __init__(self, normalizer, name=None, dtype=None):
        super().__init__(name=name or "mean_relative_error", dtype=dtype)
        self.normalizer = np.asarray(normalizer, dtype=self.dtype)

    def update_state(self, y_true, y_pred, sample_weight=None):
        y_true = ops.cast(y_true, self.dtype)
        y_pred = ops.cast(y_pred, self.dtype)
        if y_true.shape != y_pred.shape and len(y_true.shape) == len(y_pred.shape) + 1 and y_true.shape[-1] == 1:
            y_true = ops.squeeze(y_true, -1)
        errors = ops.divide_no_nan(ops.abs(y_true - y_pred), ops.convert_to_tensor(self.normalizer, self.dtype))
        return super().update_state(errors, sample_weight=sample_weight)

    def get_config(self):
        return {**super().get_config(), "normalizer": self.normalizer.tolist()}


class MeanTensor(_keras.metrics.Metric):
    """The element-wise running (weighted) mean of tensors of one shape: ``shape``, or the shape
    of the first values given. Its result has that shape."""

    def __init__(self, name="mean_tensor", dtype=None, shape=None):
        super().__init__(name=name, dtype=dtype)
        self._shape = None
        if shape is not None:
            self._make_variables(tuple(int(d) for d in np.atleast_1d(shape)))

    def _make_variables(self, shape):
        self._shape = tuple(shape)
        self.total = self.add_variable(shape=self._shape, initializer="zeros", name="total")
        self.count = self.add_variable(shape=self._shape, initializer="zeros", name="count")

    def update_state(self, values, sample_weight=None):
        values = ops.cast(values, self.dtype)
        if self._shape is None:
            self._make_variables(tuple(values.shape))
        elif tuple(values.shape) != self._shape:
            raise PyKerasRError(f"metric_mean_tensor() averages values of shape {self._shape}; got shape "
                                f"{tuple(values.shape)}.")
        counts = ops.ones_like(values)
        if sample_weight is not None:
            weights = ops.broadcast_to(ops.cast(sample_weight, self.dtype), values.shape)
            values, counts = values * weights, counts * weights
        self.total.assign_add(values)
        self.count.assign_add(counts)

    def result(self):
        if self._shape is None:
            raise PyKerasRError("metric_mean_tensor() has no value yet: give it values first "
                                "(call it on a tensor, or its update_state()).")
        return ops.divide_no_nan(self.total, self.count)

    def reset_state(self):
        if self._shape is not None:
            self.total.assign(ops.zeros(self._shape, self.dtype))
            self.count.assign(ops.zeros(self._shape, self.dtype))

    def get_config(self):
        return {**super().get_config(), "shape": list(self._shape) if self._shape else None}


class BackupAndRestore(_keras.callbacks.BackupAndRestore):
    """Keras 3's ``BackupAndRestore``, less one surprise: after a resumed fit(), Keras 3 leaves the
    restored epoch on the model, and a later fit() of it without this callback would start at that
    epoch and run fewer epochs (TensorFlow 2.15's did not)."""

    def on_train_end(self, logs=None):
        super().on_train_end(logs)
        self.model._initial_epoch = None


# (kind of object, class name in the verb tables) -> the class made instead of Keras 3's.
KERAS2_CLASSES = {("metric", "MeanMetricWrapper"): MeanMetricWrapper, ("metric", "MeanRelativeError"): MeanRelativeError,
                  ("metric", "MeanTensor"): MeanTensor, ("callback", "BackupAndRestore"): BackupAndRestore}


# --------------------------------------------------------------------------- multi_gpu_model()


class DataParallel(_keras.layers.Layer):
    """Keras 2's ``multi_gpu_model()`` on Keras 3 (TensorFlow backend): each batch is cut into one
    slice per device, the template model runs each slice on its device, and the outputs are
    joined on ``merge_device``. The template's own weights are used (not copies), so training
    the parallel model trains the template, as in Keras 2."""

    def __init__(self, template, devices, merge_device, **kwargs):
        super().__init__(**kwargs)
        self.template = template
        self.devices = list(devices)
        self.merge_device = merge_device

    def call(self, inputs):
        import tensorflow as tf

        flat = tf.nest.flatten(inputs)
        size = tf.shape(flat[0])[0]
        step = size // len(self.devices)
        outputs = []
        for i, device in enumerate(self.devices):
            end = size if i == len(self.devices) - 1 else (i + 1) * step
            with tf.device(device):
                piece = tf.nest.pack_sequence_as(inputs, [x[i * step:end] for x in flat])
                outputs.append(self.template(piece))
        with tf.device(self.merge_device):
            return tf.nest.map_structure(lambda *parts: tf.concat(parts, axis=0), *outputs)


def data_parallel_model(model, devices, merge_device):
    """A model running ``model`` on ``devices`` (TensorFlow device names) in data parallel."""
    inputs = [_keras.Input(batch_shape=tuple(x.shape), dtype=x.dtype) for x in model.inputs]
    inputs = inputs[0] if len(inputs) == 1 else inputs
    outputs = DataParallel(model, devices, merge_device, name="data_parallel")(inputs)
    return _keras.Model(inputs, outputs, name=f"{model.name}_parallel")


def multi_gpu_model(model, gpus=None, cpu_merge=True, cpu_relocation=False):
    """keras R 2.x's ``multi_gpu_model()``: ``model`` replicated on ``gpus`` GPUs (a count, or
    GPU numbers; ``None``: every GPU), each running a slice of every batch; outputs joined on
    the CPU (``cpu_merge``) or the first GPU. Needs the TensorFlow backend and at least two GPUs,
    as Keras 2's did."""
    import tensorflow as tf

    if _keras.backend.backend() != "tensorflow":
        raise PyKerasRError("multi_gpu_model() runs on Keras' TensorFlow backend; on "
                            f"{_keras.backend.backend()!r} use Keras 3's keras$distribution instead.")
    available = [d.name for d in tf.config.list_logical_devices("GPU")]
    if gpus is None:
        ids = list(range(len(available)))
    elif _whole(gpus):
        ids = list(range(int(gpus)))
    elif isinstance(gpus, (list, tuple)) and gpus and all(_whole(g) for g in gpus):
        ids = [int(g) for g in gpus]  # GPU numbers, as Keras 2 took them (0-based)
    else:
        raise PyKerasRError(f"multi_gpu_model(): `gpus` must be a number of GPUs or GPU numbers; got {show(gpus)}.")
    if len(ids) < 2:
        raise PyKerasRError("multi_gpu_model(): for data parallelism to help, `gpus` must be 2 or more (as in "
                            f"Keras 2); got {show(gpus)}, and this machine has {len(available)} GPU(s).")
    wanted = [f"/device:GPU:{i}" for i in ids]
    missing = [d for d in wanted if not any(a.endswith(d[len("/device:"):]) for a in available)]
    if missing:
        raise PyKerasRError(f"multi_gpu_model() with gpus = {show(gpus)} needs the GPUs {', '.join(wanted)}; this "
                            f"machine has {', '.join(available) if available else 'no GPU'}. Reduce `gpus`, or "
                            "train the model as it is.")
    return data_parallel_model(model, wanted, "/cpu:0" if cpu_merge else wanted[0])


def _whole(x) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool) and float(x).is_integer() and x >= 0
