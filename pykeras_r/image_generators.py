"""keras R 2.x's image_data_generator() and its flows, on Keras 3, which removed them.

``ImageDataGenerator`` draws its random transforms as Keras 2's did (numpy's global generator,
in the same order, seeded the same way by a flow's ``seed``), so a seeded flow draws what
keras R 2.15 drew; it applies them with Keras 3's own pieces: ``keras.ops.image.affine_transform``
(rotation, shifts, shear, zoom; bilinear, points outside the image filled as Keras 2 filled
them, through scipy), numpy flips and
channel shifts, and ``keras.utils`` to read, convert and save images. The flows
(``NumpyArrayIterator``, ``DirectoryIterator``, ``DataFrameIterator``) are ``keras.utils.PyDataset``
objects: ``fit()``, ``evaluate()`` and ``predict()`` take them, and ``next()`` steps them as keras
R's ``generator_next()`` did (they loop forever, as Keras 2's did).

Arrays are channels last by default: ``x`` of shape ``(n, height, width, channels)``, float32.
"""

from __future__ import annotations

import os
import threading
import warnings

import keras
import numpy as np

from .errors import PyKerasRError, show

IMAGE_EXTENSIONS = ("png", "jpg", "jpeg", "bmp", "ppm", "tif", "tiff")  # Keras 2's white list
FILL_MODES = ("constant", "nearest", "reflect", "wrap")


def _range(value, name: str) -> tuple[float, float]:
    """A zoom range: a number z means [1 - z, 1 + z]; two numbers are the range."""
    if np.isscalar(value):
        return 1.0 - float(value), 1.0 + float(value)
    value = [float(v) for v in value]
    if len(value) != 2:
        raise PyKerasRError(f"`{name}` must be a number or c(lower, upper); got {show(value)}.")
    return value[0], value[1]


class ImageDataGenerator:
    """Keras 2's ``ImageDataGenerator``: random augmentation (``get_random_transform()`` then
    ``apply_transform()``) and normalization (``standardize()``), with ``fit()`` for the
    featurewise statistics and ``flow()``, ``flow_from_directory()``, ``flow_from_dataframe()``.
    Arguments as keras R 2.15's ``image_data_generator()``; ``shear_range`` in degrees and
    ``rotation_range`` in degrees, as Keras 2.15 read them."""

    def __init__(self, featurewise_center=False, samplewise_center=False, featurewise_std_normalization=False,
                 samplewise_std_normalization=False, zca_whitening=False, zca_epsilon=1e-6, rotation_range=0.0,
                 width_shift_range=0.0, height_shift_range=0.0, brightness_range=None, shear_range=0.0,
                 zoom_range=0.0, channel_shift_range=0.0, fill_mode="nearest", cval=0.0, horizontal_flip=False,
                 vertical_flip=False, rescale=None, preprocessing_function=None, data_format=None,
                 validation_split=0.0, dtype=None):
        data_format = data_format or keras.config.image_data_format()
        if data_format not in ("channels_last", "channels_first"):
            raise PyKerasRError(f"`data_format` must be \"channels_last\" or \"channels_first\"; got {show(data_format)}.")
        if fill_mode not in FILL_MODES:
            raise PyKerasRError(f"`fill_mode` must be one of {', '.join(map(repr, FILL_MODES))}; got {show(fill_mode)}.")
        if not 0.0 <= float(validation_split) < 1.0:
            raise PyKerasRError(f"`validation_split` must be in [0, 1); got {show(validation_split)}.")
        if brightness_range is not None and (np.isscalar(brightness_range) or len(brightness_range) != 2):
            raise PyKerasRError(f"`brightness_range` must be c(lower, upper) or NULL; got {show(brightness_range)}.")
        self.featurewise_center = bool(featurewise_center)
        self.samplewise_center = bool(samplewise_center)
        self.featurewise_std_normalization = bool(featurewise_std_normalization)
        self.samplewise_std_normalization = bool(samplewise_std_normalization)
        self.zca_whitening = bool(zca_whitening)
        self.zca_epsilon = float(zca_epsilon)
        self.rotation_range = float(rotation_range)
        self.width_shift_range = width_shift_range
        self.height_shift_range = height_shift_range
        self.brightness_range = None if brightness_range is None else [float(b) for b in brightness_range]
        self.shear_range = float(shear_range)
        self.zoom_range = _range(zoom_range, "zoom_range")
        self.channel_shift_range = float(channel_shift_range)
        self.fill_mode = fill_mode
        self.cval = float(cval)
        self.horizontal_flip = bool(horizontal_flip)
        self.vertical_flip = bool(vertical_flip)
        self.rescale = rescale
        self.preprocessing_function = preprocessing_function
        self.data_format = data_format
        self.dtype = dtype or keras.config.floatx()
        self._validation_split = float(validation_split)
        # Keras 2's implied settings, with its warnings
        for implied, by, what in (("featurewise_center", "zca_whitening", zca_whitening),
                                  ("featurewise_center", "featurewise_std_normalization", featurewise_std_normalization),
                                  ("samplewise_center", "samplewise_std_normalization", samplewise_std_normalization)):
            if what and not getattr(self, implied):
                setattr(self, implied, True)
                warnings.warn(f"This ImageDataGenerator specifies `{by}`, which overrides setting of `{implied}`.",
                              stacklevel=2)
        if self.zca_whitening and self.featurewise_std_normalization:
            self.featurewise_std_normalization = False
            warnings.warn("This ImageDataGenerator specifies `zca_whitening` which overrides setting of"
                          "`featurewise_std_normalization`.", stacklevel=2)
        self.channel_axis, self.row_axis, self.col_axis = (3, 1, 2) if data_format == "channels_last" else (1, 2, 3)
        self.mean = self.std = self.zca_whitening_matrix = None

    # ------------------------------------------------------------------ flows

    def flow(self, x, y=None, batch_size=32, shuffle=True, sample_weight=None, seed=None, save_to_dir=None,
             save_prefix="", save_format="png", subset=None):
        return NumpyArrayIterator(x, y, self, batch_size=batch_size, shuffle=shuffle, sample_weight=sample_weight,
                                  seed=seed, save_to_dir=save_to_dir, save_prefix=save_prefix,
                                  save_format=save_format, subset=subset)

    def flow_from_directory(self, directory, target_size=(256, 256), color_mode="rgb", classes=None,
                            class_mode="categorical", batch_size=32, shuffle=True, seed=None, save_to_dir=None,
                            save_prefix="", save_format="png", follow_links=False, subset=None,
                            interpolation="nearest", keep_aspect_ratio=False):
        return DirectoryIterator(directory, self, target_size=target_size, color_mode=color_mode, classes=classes,
                                 class_mode=class_mode, batch_size=batch_size, shuffle=shuffle, seed=seed,
                                 save_to_dir=save_to_dir, save_prefix=save_prefix, save_format=save_format,
                                 follow_links=follow_links, subset=subset, interpolation=interpolation,
                                 keep_aspect_ratio=keep_aspect_ratio)

    def flow_from_dataframe(self, dataframe, directory=None, x_col="filename", y_col="class", target_size=(256, 256),
                            color_mode="rgb", classes=None, class_mode="categorical", batch_size=32, shuffle=True,
                            seed=None, save_to_dir=None, save_prefix="", save_format="png", subset=None,
                            interpolation="nearest", validate_filenames=True, **kwargs):
        return DataFrameIterator(dataframe, directory, self, x_col=x_col, y_col=y_col, target_size=target_size,
                                 color_mode=color_mode, classes=classes, class_mode=class_mode,
                                 batch_size=batch_size, shuffle=shuffle, seed=seed, save_to_dir=save_to_dir,
                                 save_prefix=save_prefix, save_format=save_format, subset=subset,
                                 interpolation=interpolation, validate_filenames=validate_filenames)

    # ------------------------------------------------------------------ normalization

    def standardize(self, x):
        """One image or a batch, normalized as Keras 2 did: ``preprocessing_function``, ``rescale``,
        the samplewise steps (over each whole image), then the featurewise ones (per channel, from
        ``fit()``; not fitted: a warning, and the step left out, as Keras 2)."""
        if self.preprocessing_function is not None:
            x = np.asarray(self.preprocessing_function(x), dtype=self.dtype)
        x = np.array(x, dtype=self.dtype)
        if self.rescale:
            x *= self.rescale
        if self.samplewise_center:
            x -= np.mean(x, keepdims=True)
        if self.samplewise_std_normalization:
            x /= np.std(x, keepdims=True) + 1e-6
        for flag, stat, what in ((self.featurewise_center, self.mean, "featurewise_center"),
                                 (self.featurewise_std_normalization, self.std, "featurewise_std_normalization"),
                                 (self.zca_whitening, self.zca_whitening_matrix, "zca_whitening")):
            if flag and stat is None:
                warnings.warn(_NOT_FITTED.format(what=what), stacklevel=2)
            elif flag and what == "featurewise_center":
                x -= stat
            elif flag and what == "featurewise_std_normalization":
                x /= stat + 1e-6
            elif flag:
                flat = np.reshape(x, (-1, int(np.prod(x.shape[-3:]))))
                x = np.reshape(flat @ stat, x.shape)
        return x

    def fit(self, x, augment=False, rounds=1, seed=None):
        """The featurewise statistics of ``x`` (``(n, h, w, c)``): mean and std per channel, and
        ZCA's principal components; with ``augment``, of ``rounds`` augmented copies."""
        x = np.asarray(x, dtype=self.dtype)
        if x.ndim != 4:
            raise PyKerasRError(f"`x` must be an array of rank 4, (samples, height, width, channels); got shape {x.shape}.")
        if seed is not None:
            np.random.seed(int(seed))
        x = np.copy(x)
        if self.rescale:
            x *= self.rescale
        if augment:
            rounds = int(rounds)
            ax = np.zeros((rounds * x.shape[0],) + x.shape[1:], dtype=self.dtype)
            for r in range(rounds):
                for i in range(x.shape[0]):
                    ax[i + r * x.shape[0]] = self.random_transform(x[i])
            x = ax
        shape = [1, 1, 1]
        shape[self.channel_axis - 1] = x.shape[self.channel_axis]
        if self.featurewise_center:
            self.mean = np.mean(x, axis=(0, self.row_axis, self.col_axis)).reshape(shape)
            x = x - self.mean
        if self.featurewise_std_normalization:
            self.std = np.std(x, axis=(0, self.row_axis, self.col_axis)).reshape(shape)
            x = x / (self.std + 1e-6)
        if self.zca_whitening:
            n = len(x)
            u, s, _ = np.linalg.svd(np.reshape(x, (n, -1)).T, full_matrices=False)
            self.zca_whitening_matrix = (u * (np.sqrt(n) / (s + self.zca_epsilon))) @ u.T
        return None

    # ------------------------------------------------------------------ augmentation

    def _shift(self, shift_range, size):
        """Keras 2's shift draw: a whole number n or a vector picks a value (from 0..n-1, or the
        vector) and a sign; a fraction draws in [-r, r]; below 1 it is a fraction of ``size``."""
        if not np.any(shift_range):
            return 0
        if isinstance(shift_range, (int, np.integer)) or not np.isscalar(shift_range):
            shift = np.random.choice(shift_range) * np.random.choice([-1, 1])
        else:
            shift = np.random.uniform(-shift_range, shift_range)
        return shift * size if np.max(shift_range) < 1 else shift

    def get_random_transform(self, img_shape, seed=None):
        """The random parameters of one image's transform, drawn as Keras 2 drew them (numpy's
        global generator; ``seed`` seeds it): ``theta`` (degrees), ``tx``/``ty`` (pixels, rows/cols),
        ``shear`` (degrees), ``zx``/``zy``, ``flip_horizontal``/``flip_vertical`` (0 or 1),
        ``channel_shift_intensity``, ``brightness``."""
        row_axis, col_axis = self.row_axis - 1, self.col_axis - 1
        if seed is not None:
            np.random.seed(int(seed))
        theta = np.random.uniform(-self.rotation_range, self.rotation_range) if self.rotation_range else 0
        tx = self._shift(self.height_shift_range, img_shape[row_axis])
        ty = self._shift(self.width_shift_range, img_shape[col_axis])
        shear = np.random.uniform(-self.shear_range, self.shear_range) if self.shear_range else 0
        if self.zoom_range[0] == 1 and self.zoom_range[1] == 1:
            zx, zy = 1, 1
        else:
            zx, zy = np.random.uniform(self.zoom_range[0], self.zoom_range[1], 2)
        flip_horizontal = int((np.random.random() < 0.5) * self.horizontal_flip)
        flip_vertical = int((np.random.random() < 0.5) * self.vertical_flip)
        channel_shift_intensity = (np.random.uniform(-self.channel_shift_range, self.channel_shift_range)
                                   if self.channel_shift_range != 0 else None)
        brightness = (np.random.uniform(self.brightness_range[0], self.brightness_range[1])
                      if self.brightness_range is not None else None)
        return {"theta": theta, "tx": tx, "ty": ty, "shear": shear, "zx": zx, "zy": zy,
                "flip_horizontal": flip_horizontal, "flip_vertical": flip_vertical,
                "channel_shift_intensity": channel_shift_intensity, "brightness": brightness}

    def apply_transform(self, x, transform_parameters):
        """One image (3 axes) transformed by ``get_random_transform()``'s parameters: the affine
        part with ``keras.ops.image``, then channel shift, flips, brightness."""
        p = transform_parameters
        x = np.asarray(x, dtype=self.dtype)
        row_axis, col_axis, channel_axis = self.row_axis - 1, self.col_axis - 1, self.channel_axis - 1
        matrix = _affine_matrix(p.get("theta", 0), p.get("tx", 0), p.get("ty", 0), p.get("shear", 0),
                                p.get("zx", 1), p.get("zy", 1), x.shape[row_axis], x.shape[col_axis])
        if matrix is not None:
            x = _apply_affine(x, matrix, channel_axis, self.fill_mode, self.cval)
        if p.get("channel_shift_intensity") is not None:
            low, high = np.min(x), np.max(x)
            x = np.clip(x + p["channel_shift_intensity"], low, high)
        if p.get("flip_horizontal"):
            x = np.flip(x, axis=col_axis)
        if p.get("flip_vertical"):
            x = np.flip(x, axis=row_axis)
        if p.get("brightness") is not None:
            x = _brightness(x, p["brightness"], self.data_format)
        return np.ascontiguousarray(x, dtype=self.dtype)

    def random_transform(self, x, seed=None):
        """One image (3 axes) with a random transform."""
        return self.apply_transform(x, self.get_random_transform(np.shape(x), seed))


_NOT_FITTED = ("This image_data_generator() has `{what}` = TRUE but has not been fitted on any data, so that "
               "step is left out: call fit_image_data_generator(generator, x) on sample images first.")


def _affine_matrix(theta, tx, ty, shear, zx, zy, rows, cols):
    """Keras 2's transform (rotation, shift, shear, zoom about the image's centre) as the 3 x 3
    matrix from output (row, col) to input (row, col); ``None`` for the identity."""
    matrix = None
    if theta != 0:
        t = np.deg2rad(theta)
        matrix = np.array([[np.cos(t), -np.sin(t), 0], [np.sin(t), np.cos(t), 0], [0, 0, 1]])
    if tx != 0 or ty != 0:
        shift = np.array([[1, 0, tx], [0, 1, ty], [0, 0, 1]])
        matrix = shift if matrix is None else matrix @ shift
    if shear != 0:
        s = np.deg2rad(shear)
        shear_matrix = np.array([[1, -np.sin(s), 0], [0, np.cos(s), 0], [0, 0, 1]])
        matrix = shear_matrix if matrix is None else matrix @ shear_matrix
    if zx != 1 or zy != 1:
        zoom = np.array([[zx, 0, 0], [0, zy, 0], [0, 0, 1]])
        matrix = zoom if matrix is None else matrix @ zoom
    if matrix is None:
        return None
    o_x, o_y = float(rows) / 2 - 0.5, float(cols) / 2 - 0.5  # the centre, as Keras 2.15
    offset = np.array([[1, 0, o_x], [0, 1, o_y], [0, 0, 1]])
    reset = np.array([[1, 0, -o_x], [0, 1, -o_y], [0, 0, 1]])
    matrix = offset @ matrix @ reset
    # Keras 2.15 built it for (x, y) and swapped the axes for numpy's (row, col): M' = PMP
    return matrix[[1, 0, 2]][:, [1, 0, 2]]


def _scipy_wrap(v, n):
    """scipy's "wrap" of sample coordinates (period n - 1, the last and first pixels overlapping)."""
    if n <= 1:
        return np.zeros_like(v)
    size = n - 1
    return np.where(v < 0, v + size * (np.trunc(-v / size) + 1), np.where(v > size, v - size * np.trunc(v / size), v))


def _apply_affine(x, matrix, channel_axis, fill_mode, cval):
    """``x`` (one image) sampled at ``matrix`` @ (row, col, 1), bilinear, with Keras 3's
    ``affine_transform`` ("nearest", "reflect") or ``map_coordinates`` ("wrap"). Points outside
    the image are filled as scipy's ``ndimage.affine_transform`` (which Keras 2.15 used) fills
    them: "constant" gives ``cval`` to any point beyond the outer pixels' centres (no blending
    with them), "wrap" repeats the image with period n - 1."""
    rows, cols = (x.shape[i] for i in range(3) if i != channel_axis)
    image = np.moveaxis(x, channel_axis, -1)
    (r0, r1, r2), (c0, c1, c2) = matrix[0], matrix[1]
    r, c = np.meshgrid(np.arange(rows, dtype="float64"), np.arange(cols, dtype="float64"), indexing="ij")
    src_r, src_c = r0 * r + r1 * c + r2, c0 * r + c1 * c + c2
    if fill_mode == "wrap":
        coordinates = np.stack([_scipy_wrap(src_r, rows), _scipy_wrap(src_c, cols)]).astype("float32")
        out = np.stack([keras.ops.convert_to_numpy(keras.ops.image.map_coordinates(
            image[..., k], coordinates, order=1, fill_mode="nearest")) for k in range(image.shape[-1])], -1)
    else:
        # Keras 3 maps output (col, row) to input (col, row): the matrix's axes swapped
        transform = np.array([[c1, c0, c2, r1, r0, r2, 0, 0]], dtype="float32")
        out = keras.ops.convert_to_numpy(keras.ops.image.affine_transform(
            image[None], transform, interpolation="bilinear", fill_mode="reflect" if fill_mode == "reflect" else "nearest",
            data_format="channels_last"))[0]
        if fill_mode == "constant":
            eps = 1e-9
            outside = (src_r < -eps) | (src_r > rows - 1 + eps) | (src_c < -eps) | (src_c > cols - 1 + eps)
            out = np.where(outside[..., None], np.float32(cval), out)
    return np.moveaxis(out, -1, channel_axis)


def _brightness(x, brightness, data_format):
    """Keras 2.15's brightness shift: through an 8-bit PIL image (values beyond 0-255 scaled into
    it and back), brightened with ``PIL.ImageEnhance``."""
    from PIL import ImageEnhance

    low, high = np.min(x), np.max(x)
    local_scale = bool(low < 0 or high > 255)
    img = keras.utils.array_to_img(x, data_format=data_format, scale=local_scale)
    out = keras.utils.img_to_array(ImageEnhance.Brightness(img).enhance(brightness), data_format=data_format)
    return out / 255 * (high - low) + low if local_scale else out


class ImageIterator(keras.utils.PyDataset):
    """Keras 2's ``Iterator``: batches of ``batch_size`` samples by index; ``shuffle`` draws a new
    order each epoch; ``seed`` seeds numpy's global generator before each batch (with the number
    of batches seen), so a seeded flow repeats its batches and transforms. ``next()`` loops
    forever, as keras R's ``generator_next()`` stepped it; ``len()`` is batches per epoch."""

    def __init__(self, n, batch_size, shuffle, seed):
        super().__init__()
        if int(batch_size) < 1:
            raise PyKerasRError(f"`batch_size` must be a whole number >= 1; got {show(batch_size)}.")
        if n == 0:
            raise PyKerasRError("The flow has no images: nothing to make batches of.")
        self.n, self.batch_size, self.shuffle = int(n), int(batch_size), bool(shuffle)
        self.seed = None if seed is None else int(seed)
        self.batch_index = 0
        self.total_batches_seen = 0
        self.lock = threading.Lock()
        self.index_array = None
        self.index_generator = self._flow_index()

    def _set_index_array(self):
        self.index_array = np.random.permutation(self.n) if self.shuffle else np.arange(self.n)

    def __getitem__(self, idx):
        if idx >= len(self):
            raise IndexError(f"batch {idx} of a flow of {len(self)} batches")
        with self.lock:
            if self.seed is not None:
                np.random.seed(self.seed + self.total_batches_seen)
            self.total_batches_seen += 1
            if self.index_array is None:
                self._set_index_array()
            index_array = self.index_array[self.batch_size * idx:self.batch_size * (idx + 1)]
            return self._get_batches_of_transformed_samples(index_array)

    def __len__(self):
        return (self.n + self.batch_size - 1) // self.batch_size

    @property
    def num_batches(self):
        return len(self)

    def on_epoch_end(self):
        self._set_index_array()

    def reset(self):
        self.batch_index = 0

    def _flow_index(self):
        self.reset()
        while True:
            if self.seed is not None:
                np.random.seed(self.seed + self.total_batches_seen)
            if self.batch_index == 0:
                self._set_index_array()
            current = (self.batch_index * self.batch_size) % self.n
            self.batch_index = self.batch_index + 1 if self.n > current + self.batch_size else 0
            self.total_batches_seen += 1
            yield self.index_array[current:current + self.batch_size]

    def __iter__(self):
        return self

    def __next__(self):
        with self.lock:
            index_array = next(self.index_generator)
            return self._get_batches_of_transformed_samples(index_array)

    next = __next__

    def _transformed(self, x):
        """One image: randomly transformed, then standardized."""
        gen = self.image_data_generator
        params = gen.get_random_transform(x.shape)
        return gen.standardize(gen.apply_transform(x.astype(gen.dtype), params))

    def _save(self, batch_x, index_array):
        if self.save_to_dir is None:
            return
        for i, j in enumerate(index_array):
            img = keras.utils.array_to_img(batch_x[i], self.image_data_generator.data_format, scale=True)
            name = f"{self.save_prefix}_{j}_{np.random.randint(int(1e4))}.{self.save_format}"
            img.save(os.path.join(self.save_to_dir, name))


def _subset_split(subset, validation_split):
    if subset is None:
        return None
    if subset not in ("training", "validation"):
        raise PyKerasRError(f"`subset` must be \"training\", \"validation\" or NULL; got {show(subset)}.")
    if not validation_split:
        raise PyKerasRError("`subset` needs `validation_split` > 0 in image_data_generator().")
    return (0.0, validation_split) if subset == "validation" else (validation_split, 1.0)


class NumpyArrayIterator(ImageIterator):
    """Batches of an array of images ``x`` (rank 4) with labels ``y`` (or none) and optional
    ``sample_weight``: ``(x, y)``, ``(x, y, w)`` or ``x``, float32 images."""

    def __init__(self, x, y, image_data_generator, batch_size=32, shuffle=False, sample_weight=None, seed=None,
                 save_to_dir=None, save_prefix="", save_format="png", subset=None):
        self.image_data_generator = gen = image_data_generator
        self.x = np.asarray(x, dtype=gen.dtype)
        if self.x.ndim != 4:
            raise PyKerasRError("`x` of a flow must be an array of rank 4, (samples, height, width, channels); "
                                f"got shape {self.x.shape}. Add the channels axis: dim(x) <- c(dim(x), 1).")
        self.y = None if y is None else np.asarray(y)
        if self.y is not None and len(self.y) != len(self.x):
            raise PyKerasRError(f"`x` and `y` must hold as many samples: {len(self.x)} images, {len(self.y)} labels.")
        self.sample_weight = None if sample_weight is None else np.asarray(sample_weight)
        split = _subset_split(subset, gen._validation_split)
        if split is not None:
            split_idx = int(len(self.x) * gen._validation_split)
            part = slice(0, split_idx) if subset == "validation" else slice(split_idx, None)
            if self.y is not None and not np.array_equal(np.unique(self.y[:split_idx]), np.unique(self.y[split_idx:])):
                raise PyKerasRError("Training and validation subsets have different classes after the split: "
                                    "shuffle x and y before the flow, so that each part holds every class.")
            self.x = self.x[part]
            self.y = None if self.y is None else self.y[part]
            self.sample_weight = None if self.sample_weight is None else self.sample_weight[part]
        self.save_to_dir, self.save_prefix, self.save_format = save_to_dir, save_prefix, save_format
        super().__init__(self.x.shape[0], batch_size, shuffle, seed)

    def _get_batches_of_transformed_samples(self, index_array):
        batch_x = np.zeros((len(index_array),) + self.x.shape[1:], dtype=self.image_data_generator.dtype)
        for i, j in enumerate(index_array):
            batch_x[i] = self._transformed(self.x[j])
        self._save(batch_x, index_array)
        if self.y is None:
            return batch_x
        out = (batch_x, self.y[index_array])
        return out + (self.sample_weight[index_array],) if self.sample_weight is not None else out


class _FileIterator(ImageIterator):
    """Batches of image files (``self.filepaths``, with ``self.classes``), read with
    ``keras.utils.load_img`` at ``target_size``."""

    def _setup(self, image_data_generator, target_size, color_mode, class_mode, batch_size, shuffle, seed,
               save_to_dir, save_prefix, save_format, interpolation, keep_aspect_ratio):
        gen = self.image_data_generator = image_data_generator
        if color_mode not in ("grayscale", "rgb", "rgba"):
            raise PyKerasRError(f"`color_mode` must be \"grayscale\", \"rgb\" or \"rgba\"; got {show(color_mode)}.")
        self.target_size = tuple(int(v) for v in target_size)
        self.color_mode, self.class_mode = color_mode, class_mode
        self.interpolation, self.keep_aspect_ratio = interpolation, bool(keep_aspect_ratio)
        channels = {"rgb": 3, "rgba": 4, "grayscale": 1}[color_mode]
        self.image_shape = (self.target_size + (channels,) if gen.data_format == "channels_last"
                            else (channels,) + self.target_size)
        self.save_to_dir, self.save_prefix, self.save_format = save_to_dir, save_prefix, save_format
        super().__init__(len(self.filepaths), batch_size, shuffle, seed)

    def _get_batches_of_transformed_samples(self, index_array):
        gen = self.image_data_generator
        batch_x = np.zeros((len(index_array),) + self.image_shape, dtype=gen.dtype)
        for i, j in enumerate(index_array):
            img = keras.utils.load_img(self.filepaths[j], color_mode=self.color_mode, target_size=self.target_size,
                                       interpolation=self.interpolation, keep_aspect_ratio=self.keep_aspect_ratio)
            batch_x[i] = self._transformed(keras.utils.img_to_array(img, data_format=gen.data_format))
            if hasattr(img, "close"):
                img.close()
        self._save(batch_x, index_array)
        mode = self.class_mode
        if mode == "input":
            return batch_x, batch_x.copy()
        if mode in ("sparse", "binary"):
            return batch_x, self.classes[index_array].astype(gen.dtype)
        if mode == "categorical":
            batch_y = np.zeros((len(index_array), len(self.class_indices)), dtype=gen.dtype)
            for i, j in enumerate(index_array):
                labels = self.labels[j]
                batch_y[i, labels if isinstance(labels, list) else [labels]] = 1.0
            return batch_x, batch_y
        if mode in ("other", "raw"):
            return batch_x, self.data[index_array]
        return batch_x

    @property
    def filenames(self):
        return self._filenames

    @property
    def labels(self):
        return self.classes


CLASS_MODES = ("categorical", "binary", "sparse", "input", None)


class DirectoryIterator(_FileIterator):
    """Batches of the images of ``directory``'s class folders (one folder per class, in
    alphanumeric order, or ``classes``): ``class_indices`` maps each folder to its label
    (0-based), ``classes`` holds each image's, ``filenames`` the paths relative to ``directory``."""

    def __init__(self, directory, image_data_generator, target_size=(256, 256), color_mode="rgb", classes=None,
                 class_mode="categorical", batch_size=32, shuffle=True, seed=None, save_to_dir=None,
                 save_prefix="", save_format="png", follow_links=False, subset=None, interpolation="nearest",
                 keep_aspect_ratio=False):
        if class_mode not in CLASS_MODES:
            raise PyKerasRError(f"`class_mode` must be one of \"categorical\", \"binary\", \"sparse\", \"input\" "
                                f"or NULL; got {show(class_mode)}.")
        directory = os.fspath(directory)
        if not os.path.isdir(directory):
            raise PyKerasRError(f"`directory` {show(directory)} is not a folder.")
        self.directory = directory
        if classes is None:
            classes = sorted(d for d in os.listdir(directory) if os.path.isdir(os.path.join(directory, d)))
        elif isinstance(classes, str):
            classes = [classes]
        self.class_indices = {name: i for i, name in enumerate(classes)}
        split = _subset_split(subset, image_data_generator._validation_split)
        filenames, labels = [], []
        for name in classes:
            files = []
            for root, _, names in sorted(os.walk(os.path.join(directory, name), followlinks=bool(follow_links))):
                files += [os.path.join(root, f) for f in sorted(names)
                          if f.lower().rsplit(".", 1)[-1] in IMAGE_EXTENSIONS and "." in f]
            if split is not None:
                files = files[int(split[0] * len(files)):int(split[1] * len(files))]
            filenames += [os.path.relpath(f, directory) for f in files]
            labels += [self.class_indices[name]] * len(files)
        self._filenames = filenames
        self.filepaths = [os.path.join(directory, f) for f in filenames]
        self.classes = np.array(labels, dtype="int32")
        self.num_classes = len(classes)
        print(f"Found {len(filenames)} images belonging to {self.num_classes} classes.")
        self._setup(image_data_generator, target_size, color_mode, class_mode, batch_size, shuffle, seed,
                    save_to_dir, save_prefix, save_format, interpolation, keep_aspect_ratio)


class DataFrameIterator(_FileIterator):
    """Batches of the image files a data frame names (``x_col``: paths relative to ``directory``,
    or absolute), with labels from ``y_col``: class names for "categorical" (one or a list per
    row), "binary" and "sparse"; the column(s) as they are for "other"/"raw"; none for NULL."""

    def __init__(self, dataframe, directory, image_data_generator, x_col="filename", y_col="class",
                 target_size=(256, 256), color_mode="rgb", classes=None, class_mode="categorical", batch_size=32,
                 shuffle=True, seed=None, save_to_dir=None, save_prefix="", save_format="png", subset=None,
                 interpolation="nearest", validate_filenames=True):
        if class_mode not in CLASS_MODES + ("other", "raw", "multi_output"):
            raise PyKerasRError(f"`class_mode` must be one of \"categorical\", \"binary\", \"sparse\", \"input\", "
                                f"\"other\", \"raw\" or NULL; got {show(class_mode)}.")
        columns = _columns(dataframe)
        if x_col not in columns:
            raise PyKerasRError(f"`x_col` {show(x_col)} is not a column of the data frame ({', '.join(columns)}).")
        y_cols = [y_col] if isinstance(y_col, str) else list(y_col)
        labelled = class_mode not in ("input", None)
        if labelled and not set(y_cols) <= set(columns):
            raise PyKerasRError(f"`y_col` {show(y_col)} is not a column of the data frame ({', '.join(columns)}).")
        paths = [os.path.join(directory, str(f)) if directory is not None else str(f) for f in columns[x_col]]
        keep = [f.lower().rsplit(".", 1)[-1] in IMAGE_EXTENSIONS and (not validate_filenames or os.path.isfile(f))
                for f in paths]
        if class_mode in ("categorical", "binary", "sparse"):
            values = [v if isinstance(v, (list, tuple)) else [v] for v in columns[y_col]]
            names = sorted({str(v) for vs in values for v in vs}) if classes is None else [str(c) for c in classes]
            self.class_indices = {name: i for i, name in enumerate(names)}
            labels = [[self.class_indices[str(v)] for v in vs if str(v) in self.class_indices] for vs in values]
            keep = [k and bool(ls) for k, ls in zip(keep, labels)]  # rows of other classes left out, as Keras 2
        else:
            self.class_indices, labels = {}, [None] * len(paths)
        if not all(keep):
            print(f"Left out {keep.count(False)} row(s) of the data frame: a missing file, not an image, or a class not in `classes`.")
        rows = [i for i, k in enumerate(keep) if k]
        split = _subset_split(subset, image_data_generator._validation_split)
        if split is not None:
            rows = rows[int(split[0] * len(rows)):int(split[1] * len(rows))]
        self.directory = directory
        self._filenames = [str(columns[x_col][i]) for i in rows]
        self.filepaths = [paths[i] for i in rows]
        if class_mode in ("categorical", "binary", "sparse"):
            multi = any(isinstance(v, (list, tuple)) for v in columns[y_col])
            self._labels = [labels[i] if multi else labels[i][0] for i in rows]
            self.classes = np.array([labels[i][0] for i in rows], dtype="int32")
            if class_mode == "binary" and len(self.class_indices) != 2:
                raise PyKerasRError(f"class_mode \"binary\" needs exactly 2 classes in `y_col`; found {len(self.class_indices)}.")
        else:
            self._labels = self.classes = None
        if class_mode in ("other", "raw", "multi_output"):
            data = np.stack([np.asarray(columns[c])[rows] for c in y_cols], axis=-1)
            self.data = data[:, 0] if len(y_cols) == 1 else data
        self.num_classes = len(self.class_indices)
        if class_mode in ("categorical", "binary", "sparse"):
            print(f"Found {len(rows)} validated image filenames belonging to {self.num_classes} classes.")
        else:
            print(f"Found {len(rows)} validated image filenames.")
        self._setup(image_data_generator, target_size, color_mode, class_mode, batch_size, shuffle, seed,
                    save_to_dir, save_prefix, save_format, interpolation, False)

    @property
    def labels(self):
        return self._labels


def _columns(dataframe) -> dict:
    """A data frame's columns as lists: from R (a named list of columns, what reticulate makes of a
    data.frame where pandas is missing, or a pandas DataFrame where it is) or from Python."""
    if hasattr(dataframe, "to_dict") and hasattr(dataframe, "columns"):
        return {str(k): list(v) for k, v in dataframe.to_dict("list").items()}
    if isinstance(dataframe, dict):
        return {str(k): list(v) if isinstance(v, (list, tuple, np.ndarray)) else [v] for k, v in dataframe.items()}
    raise PyKerasRError(f"`dataframe` must be a data frame; got {show(type(dataframe).__name__)}.")
