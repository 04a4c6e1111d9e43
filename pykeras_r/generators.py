"""keras R 2.x's data pipelines on Keras 3: its flows (``flow_images_from_*()``, in
``image_generators``), R functions as generators (``fit_generator(model, function() list(x, y))``),
``timeseries_generator()``, ``hdf5_matrix()``, ``keras_array()``, and the ``tf.data`` makers
(``image_dataset_from_directory()``...). Each function here is what one R verb calls.

R functions run only on R's main thread: Keras 3 (TensorFlow backend) reads a ``PyDataset`` from
a ``tf.data`` thread, where calling R would crash it. ``MainThreadBatches`` therefore calls R at
the start of each epoch (on the main thread) for that epoch's batches and hands them to Keras
in order; this changes when the R function runs, not what it yields or in which order.
"""

from __future__ import annotations

import collections
import queue
import threading

import keras
import numpy as np

from .errors import PyKerasRError, show
from .image_generators import ImageDataGenerator, ImageIterator


def is_r_function(fn) -> bool:
    """Whether ``fn`` is an R function reticulate handed to Python (R must run it on its main thread)."""
    return callable(fn) and str(getattr(fn, "__module__", "")).startswith("rpytools")


def _batch(value):
    """An R generator's value as a Keras batch: ``list(x, y)`` / ``list(x, y, w)`` -> a tuple,
    ``list(x)`` or ``x`` alone -> ``x`` (inputs only, for predict)."""
    if isinstance(value, (list, tuple)):
        value = tuple(keras_array(v) for v in value)
        if len(value) == 1:
            return value[0]
        if len(value) > 3:
            raise PyKerasRError(f"A generator must return list(x, y) or list(x, y, sample_weight); got a list of {len(value)}.")
        return value
    return keras_array(value)


class MainThreadBatches(keras.utils.PyDataset):
    """``steps`` batches per epoch from ``produce()`` (an R function, or a flow whose
    ``preprocessing_function`` is one), always called on the main thread: each epoch's batches
    are made when the epoch begins, and Keras' reading thread takes them in order. The batches
    Keras peeks at before training (for their shapes) are the first ones it trains on, as Keras
    2 restored its peek. ``next()`` makes one batch at once, as keras R's ``generator_next()``."""

    TIMEOUT_S = 600  # a batch Keras waits for that no epoch made: an error, not a hang

    def __init__(self, produce, steps, source=None):
        super().__init__()
        self._produce, self._steps, self.source = produce, int(steps), source
        self._ready = collections.deque()
        self._arrived = threading.Condition()
        self._in_epoch = False

    def __len__(self):
        return self._steps

    @property
    def num_batches(self):
        return self._steps

    def _make(self):
        batch = self._produce()
        with self._arrived:
            self._ready.append(batch)
            self._arrived.notify_all()
        return batch

    def on_epoch_begin(self):
        self._in_epoch = True
        while len(self._ready) < self._steps:
            self._make()

    def on_epoch_end(self):
        self._in_epoch = False

    def __getitem__(self, index):
        if threading.current_thread() is threading.main_thread():
            if not self._in_epoch:  # Keras peeking at the first batches: keep them for training
                return self._make() if index >= len(self._ready) else self._ready[index]
            with self._arrived:
                if self._ready:
                    return self._ready.popleft()
            return self._produce()
        with self._arrived:
            if not self._arrived.wait_for(lambda: self._ready, timeout=self.TIMEOUT_S):
                raise PyKerasRError("A generator's batch was not made in time: Keras asked for more batches "
                                    "in an epoch than `steps_per_epoch` (or `steps`) said.")
            return self._ready.popleft()

    def __iter__(self):
        return self

    def __next__(self):
        return next(self.source) if self.source is not None else self._produce()

    def __getattr__(self, name):  # a wrapped flow's class_indices, filenames...
        source = self.__dict__.get("source")
        if source is None:
            raise AttributeError(name)
        return getattr(source, name)


def r_function_batches(generator, steps, name: str = "steps_per_epoch"):
    """An R function returning ``list(x, y)`` (or ``list(x, y, w)``, or ``x``) as a dataset of
    ``steps`` batches an epoch, for fit(), evaluate() and predict() (keras R 2.15's
    ``as_generator()``); anything else is returned as it is."""
    if not is_r_function(generator):
        return generator
    if steps is None:
        raise PyKerasRError(f"`{name}` is needed with a generator function: it loops forever, so say how many "
                            "batches make an epoch (e.g. ceiling(n / batch_size)).")
    if isinstance(steps, bool) or not float(steps).is_integer() or steps < 1:
        raise PyKerasRError(f"`{name}` must be a whole number >= 1; got {show(steps)}.")
    return MainThreadBatches(lambda: _batch(generator()), steps)


def _on_main_thread(flow):
    """A flow whose generator's preprocessing_function is an R function, made on the main thread."""
    if is_r_function(flow.image_data_generator.preprocessing_function):
        return MainThreadBatches(lambda: next(flow), len(flow), source=flow)
    return flow


# ---------------------------------------------------------------------- the R verbs


def image_data_generator(**kwargs) -> ImageDataGenerator:
    return ImageDataGenerator(**kwargs)


def fit_image_data_generator(object, x, augment=False, rounds=1, seed=None):
    """Fit ``object``'s featurewise statistics to ``x`` (rank 4) in place."""
    if not isinstance(object, ImageDataGenerator):
        raise PyKerasRError(f"`object` must be an image_data_generator(); got {show(type(object).__name__)}.")
    return object.fit(keras_array(x), augment=bool(augment), rounds=int(rounds), seed=seed)


def _generator(generator):
    if not isinstance(generator, ImageDataGenerator):
        raise PyKerasRError(f"`generator` must be an image_data_generator(); got {show(type(generator).__name__)}.")
    return generator


def flow_images_from_data(x, y=None, generator=None, batch_size=32, shuffle=True, sample_weight=None, seed=None,
                          save_to_dir=None, save_prefix="", save_format="png", subset=None):
    flow = _generator(generator or ImageDataGenerator()).flow(
        x, y, batch_size=batch_size, shuffle=shuffle, sample_weight=sample_weight, seed=seed,
        save_to_dir=save_to_dir, save_prefix=save_prefix, save_format=save_format, subset=subset)
    return _on_main_thread(flow)


def flow_images_from_directory(directory, generator=None, target_size=(256, 256), color_mode="rgb", classes=None,
                               class_mode="categorical", batch_size=32, shuffle=True, seed=None, save_to_dir=None,
                               save_prefix="", save_format="png", follow_links=False, subset=None,
                               interpolation="nearest"):
    flow = _generator(generator or ImageDataGenerator()).flow_from_directory(
        directory, target_size=target_size, color_mode=color_mode, classes=classes, class_mode=class_mode,
        batch_size=batch_size, shuffle=shuffle, seed=seed, save_to_dir=save_to_dir, save_prefix=save_prefix,
        save_format=save_format, follow_links=follow_links, subset=subset, interpolation=interpolation)
    return _on_main_thread(flow)


def flow_images_from_dataframe(dataframe, directory=None, x_col="filename", y_col="class", generator=None,
                               target_size=(256, 256), color_mode="rgb", classes=None, class_mode="categorical",
                               batch_size=32, shuffle=True, seed=None, save_to_dir=None, save_prefix="",
                               save_format="png", subset=None, interpolation="nearest"):
    """``dataframe``: a pandas DataFrame or a dict of columns (R sends its data frame's columns)."""
    flow = _generator(generator or ImageDataGenerator()).flow_from_dataframe(
        dataframe, directory, x_col=x_col, y_col=y_col, target_size=target_size, color_mode=color_mode,
        classes=classes, class_mode=class_mode, batch_size=batch_size, shuffle=shuffle, seed=seed,
        save_to_dir=save_to_dir, save_prefix=save_prefix, save_format=save_format, subset=subset,
        interpolation=interpolation)
    return _on_main_thread(flow)


def generator_next(generator, completed=None):
    """The next batch of a flow, a timeseries_generator() or any Python iterator; ``completed``
    when it has no more (keras R's ``reticulate::iter_next()``)."""
    if isinstance(generator, (ImageIterator, MainThreadBatches)) or hasattr(generator, "__next__"):
        try:
            return next(generator)
        except StopIteration:
            return completed
    if isinstance(generator, keras.utils.PyDataset):  # timeseries_generator(): its batches in turn
        step = getattr(generator, "_next_index", 0)
        if step >= len(generator):
            return completed
        generator._next_index = step + 1
        return generator[step]
    raise PyKerasRError(f"`generator` must be a flow or a generator; got {show(type(generator).__name__)}.")


class TimeseriesGenerator(keras.utils.PyDataset):
    """Keras 2's ``TimeseriesGenerator``: batches of windows of ``data`` (time on the first axis)
    with the target at each window's end. Window ``i`` ends at row ``start_index + length + i *
    stride`` (0-based, exclusive), its rows every ``sampling_rate``; ``reverse`` flips each window."""

    def __init__(self, data, targets, length, sampling_rate=1, stride=1, start_index=0, end_index=None,
                 shuffle=False, reverse=False, batch_size=128):
        super().__init__()
        self.data, self.targets = keras_array(data), keras_array(targets)
        if len(self.data) != len(self.targets):
            raise PyKerasRError(f"Data and targets have to be of same length. Data length is {len(self.data)} "
                                f"while target length is {len(self.targets)}")
        self.length, self.sampling_rate, self.stride = int(length), int(sampling_rate), int(stride)
        self.start_index = int(start_index) + self.length
        self.end_index = len(self.data) - 1 if end_index is None else int(end_index)
        self.shuffle, self.reverse, self.batch_size = bool(shuffle), bool(reverse), int(batch_size)
        if self.start_index > self.end_index:
            raise PyKerasRError(f"`start_index+length={self.start_index} > end_index={self.end_index}` is disallowed, "
                                "as no part of the sequence would be left to be used as current step.")

    def __len__(self):
        return (self.end_index - self.start_index + self.batch_size * self.stride) // (self.batch_size * self.stride)

    @property
    def num_batches(self):
        return len(self)

    def __getitem__(self, index):
        if self.shuffle:
            rows = np.random.randint(self.start_index, self.end_index + 1, size=self.batch_size)
        else:
            i = self.start_index + self.batch_size * self.stride * index
            rows = np.arange(i, min(i + self.batch_size * self.stride, self.end_index + 1), self.stride)
        samples = np.array([self.data[row - self.length:row:self.sampling_rate] for row in rows])
        targets = np.array([self.targets[row] for row in rows])
        return (samples[:, ::-1, ...], targets) if self.reverse else (samples, targets)


def timeseries_generator(data, targets, length, sampling_rate=1, stride=1, start_index=0, end_index=None,
                         shuffle=False, reverse=False, batch_size=128) -> TimeseriesGenerator:
    return TimeseriesGenerator(data, targets, length, sampling_rate=sampling_rate, stride=stride,
                               start_index=start_index, end_index=end_index, shuffle=shuffle, reverse=reverse,
                               batch_size=batch_size)


class HDF5Matrix:
    """Keras 2's ``HDF5Matrix``: rows ``start`` to ``end`` (0-based, end exclusive) of a dataset in
    an HDF5 file, read on indexing (``m[0:10]``) and through ``np.asarray(m)`` (which ``fit()``
    uses), each read passed through ``normalizer`` if one is given."""

    def __init__(self, datapath, dataset, start=0, end=None, normalizer=None):
        import h5py

        with h5py.File(datapath, "r") as f:
            if dataset not in f:
                raise PyKerasRError(f"{show(dataset)} is not a dataset of {show(str(datapath))}; it holds "
                                    f"{', '.join(map(show, f.keys())) or 'none'}.")
            rows, self._shape, self.dtype = f[dataset].shape[0], f[dataset].shape[1:], f[dataset].dtype
        self.datapath, self.dataset, self.normalizer = str(datapath), dataset, normalizer
        self.start, self.end = int(start), rows if end is None else int(end)
        if not 0 <= self.start <= self.end <= rows:
            raise PyKerasRError(f"`start` and `end` must satisfy 0 <= start <= end <= {rows}; got {self.start} and {self.end}.")

    def __len__(self):
        return self.end - self.start

    @property
    def shape(self):
        return (len(self),) + tuple(self._shape)

    @property
    def ndim(self):
        return len(self.shape)

    @property
    def size(self):
        return int(np.prod(self.shape))

    def __getitem__(self, key):
        import h5py

        if isinstance(key, slice):
            begin, stop, step = key.indices(len(self))
            key = slice(begin + self.start, stop + self.start, step)
        elif isinstance(key, (int, np.integer)):
            key = int(key) + self.start if key >= 0 else self.end + int(key)
        else:
            key = np.asarray(key) + self.start
        with h5py.File(self.datapath, "r") as f:
            value = f[self.dataset][key]
        return self.normalizer(value) if self.normalizer is not None else value

    def __array__(self, dtype=None, copy=None):
        value = np.asarray(self[:])
        return value if dtype is None else value.astype(dtype)


def hdf5_matrix(datapath, dataset, start=0, end=None, normalizer=None) -> HDF5Matrix:
    return HDF5Matrix(datapath, dataset, start, end, normalizer)


def keras_array(x, dtype=None):
    """keras R's ``keras_array()``: ``x`` as a numpy array in C order, doubles as floatx
    (float32) unless ``dtype`` says otherwise; a list element-wise; NULL, tensors and Python
    objects (an ``hdf5_matrix()``) as they are."""
    if x is None or isinstance(x, HDF5Matrix) or keras.ops.is_tensor(x):
        return x
    if isinstance(x, (list, tuple)) and not all(isinstance(v, (int, float, bool)) for v in x):
        return [keras_array(v, dtype) for v in x]  # arrays one by one; numbers (an R vector) as one array
    a = np.asarray(x)
    if dtype is None and a.dtype == np.float64:
        dtype = keras.config.floatx()
    return np.require(a, dtype=dtype or a.dtype, requirements="C")


# ---------------------------------------------------------------------- tf.data makers (Keras 3's own)


def _size(value):
    return None if value is None else tuple(int(v) for v in np.atleast_1d(value))


def image_dataset_from_directory(directory, labels="inferred", label_mode="int", class_names=None, color_mode="rgb",
                                 batch_size=32, image_size=(256, 256), shuffle=True, seed=None, validation_split=None,
                                 subset=None, interpolation="bilinear", follow_links=False,
                                 crop_to_aspect_ratio=False, **kwargs):
    return keras.utils.image_dataset_from_directory(
        str(directory), labels=labels, label_mode=label_mode, class_names=class_names, color_mode=color_mode,
        batch_size=None if batch_size is None else int(batch_size), image_size=_size(image_size),
        shuffle=bool(shuffle), seed=seed, validation_split=validation_split, subset=subset,
        interpolation=interpolation, follow_links=follow_links, crop_to_aspect_ratio=crop_to_aspect_ratio, **kwargs)


def text_dataset_from_directory(directory, labels="inferred", label_mode="int", class_names=None, batch_size=32,
                                max_length=None, shuffle=True, seed=None, validation_split=None, subset=None,
                                follow_links=False, **kwargs):
    return keras.utils.text_dataset_from_directory(
        str(directory), labels=labels, label_mode=label_mode, class_names=class_names,
        batch_size=None if batch_size is None else int(batch_size), max_length=max_length, shuffle=bool(shuffle),
        seed=seed, validation_split=validation_split, subset=subset, follow_links=follow_links, **kwargs)


def timeseries_dataset_from_array(data, targets, sequence_length, sequence_stride=1, sampling_rate=1,
                                  batch_size=128, shuffle=False, seed=None, start_index=None, end_index=None,
                                  **kwargs):
    """Keras 3's ``timeseries_dataset_from_array``; ``start_index``/``end_index`` 0-based here
    (R's converters turn keras R's 1-based ones into these)."""
    return keras.utils.timeseries_dataset_from_array(
        keras_array(data), keras_array(targets), int(sequence_length), sequence_stride=int(sequence_stride),
        sampling_rate=int(sampling_rate), batch_size=None if batch_size is None else int(batch_size),
        shuffle=bool(shuffle), seed=seed, start_index=start_index, end_index=end_index, **kwargs)
