"""Keras 2 classes as keras R 2.x's verbs made them, where Keras 3 dropped them or behaves
otherwise: ``metric_mean_relative_error()`` (``MeanRelativeError``) and ``metric_mean_tensor()``
(``MeanTensor``), written on Keras 3's ``Metric`` with TensorFlow 2.15's behaviour (its
``tf.keras.metrics`` classes of the same names); ``metric_mean_wrapper()``
(``MeanMetricWrapper``, named as TensorFlow 2.15 named it); ``callback_backup_and_restore()``
(``BackupAndRestore``, leaving later fits alone as TensorFlow 2.15's did).
``api.make_keras_object`` looks in ``KERAS2_CLASSES`` first."""

from __future__ import annotations

import numpy as np

from ._startup import import_keras
from .errors import PyKerasRError

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
