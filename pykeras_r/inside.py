"""Looking inside a convnet: the numbers of lesson 9's pictures, for any model with convolutions.

Each function returns plain numbers (numpy arrays, dicts of equal-length lists that R makes
data frames); ``inside_plots`` draws them with matplotlib and pykerasr's ``R/inside.R`` draws the
same numbers with R graphics.

- ``hand_convolution``: a 3x3 kernel (a name of ``KERNELS`` or numbers) slid over one image,
  then 2x2 max pooling: what Keras' ``Conv2D`` and ``MaxPooling2D`` compute with those weights.
- ``feature_maps``: the output of every convolution and pooling layer for one image.
- ``conv_filters``: the kernels of a convolution layer (the first one by default).
- ``filter_patterns``: gradient ascent from a grey image for chosen filters (seeded), and
  ``enhanced_digit``: the same ascent started from a digit.
- ``grad_cam``: where the last convolution layer looks, for the predicted and a chosen class.
- ``confusion_matrix``, ``confused_pairs``, ``confident_mistakes``: what the model gets wrong.

Layers are given by position (0-based; ``one_based=True`` for R's 1-based positions) or by name,
filters by position in the same base. Images are one image: ``(28, 28)``, ``(28, 28, 1)`` or
``(1, 28, 28, 1)`` for a model taking ``(28, 28, 1)``, in the value range the model was trained on.
"""

from __future__ import annotations

import numpy as np

from .errors import PyKerasRError, show
from .prepare import as_numeric_array, check_labels

#: The course's named 3x3 kernels (cross-correlation, as Keras applies them: no flipping).
KERNELS = {
    "vertical edge": ((1, 0, -1), (1, 0, -1), (1, 0, -1)),
    "horizontal edge": ((1, 1, 1), (0, 0, 0), (-1, -1, -1)),
    "sharpen": ((0, -1, 0), (-1, 5, -1), (0, -1, 0)),
    "blur": ((1 / 9,) * 3,) * 3,
}

#: Lesson 9's slide: a 5x5 binary image; with the "x" kernel below it makes a 3x3 feature map.
SLIDE_IMAGE = np.array([[1, 1, 1, 0, 0], [0, 1, 1, 1, 0], [0, 0, 1, 1, 1], [0, 0, 1, 1, 0], [0, 1, 1, 0, 0]],
                       np.float32)
SLIDE_KERNEL = np.array([[1, 0, 1], [0, 1, 0], [1, 0, 1]], np.float32)

#: Gradient ascent: steps and step size (in units of the model's input range), as the Python note.
ASCENT_STEPS = 40
ASCENT_STEP_SIZE = 0.05
#: Gradient ascent starts from mid-grey plus uniform noise of this share of the range either way
#: (a filter silent on plain grey, ReLU'd to 0, has no gradient to climb), and scores the
#: activations away from the border (its lopsided positions otherwise win), when the map is large.
ASCENT_NOISE = 0.25
ASCENT_BORDER = 2
#: Enhancing a digit: fewer, smaller steps, so that the digit stays recognisable.
ENHANCE_STEPS = 10
ENHANCE_STEP_SIZE = 0.03


# --------------------------------------------------------------------------- checks


def kernel(value) -> np.ndarray:
    """A 3x3 ``float32`` kernel from a name of ``KERNELS`` (``"vertical edge"``; ``_`` and ``-``
    read as spaces) or from numbers (a 3x3 array, or 9 numbers row by row)."""
    if isinstance(value, str):
        name = value.replace("_", " ").replace("-", " ").strip().lower()
        if name not in KERNELS:
            raise PyKerasRError(f"unknown kernel {show(value)}; expected one of: {', '.join(KERNELS)}, "
                                "or 3x3 numbers.")
        return np.array(KERNELS[name], np.float32)
    k = as_numeric_array(value, "kernel")
    if k.size == 9 and k.ndim <= 2:
        k = k.reshape(3, 3)
    if k.shape != (3, 3):
        raise PyKerasRError(f"`kernel` must be a name ({', '.join(KERNELS)}) or 3x3 numbers; got shape {k.shape}.")
    if not np.all(np.isfinite(k)):
        raise PyKerasRError("`kernel` contains NaN or infinite values.")
    return k.astype(np.float32)


def _plane(image, name: str = "image") -> np.ndarray:
    """One grey image as a 2-D ``float32`` array (a trailing or leading axis of 1 dropped)."""
    img = as_numeric_array(image, name)
    squeezed = img.reshape([d for d in img.shape if d != 1]) if img.size > 1 else img
    if squeezed.ndim != 2 or min(squeezed.shape) < 3:
        raise PyKerasRError(f"`{name}` must be one grey image (height, width), at least 3x3; got shape {img.shape}.")
    if not np.all(np.isfinite(squeezed)):
        raise PyKerasRError(f"`{name}` contains NaN or infinite values.")
    return squeezed.astype(np.float32)


def _input_shape(model) -> tuple:
    inputs = getattr(model, "inputs", None)
    if not inputs:
        raise PyKerasRError("the model has no defined input yet: build it with an input shape "
                            "(`input_shape =` on its first layer) or train it first.")
    return tuple(inputs[0].shape[1:])


def model_image(model, image, name: str = "image") -> np.ndarray:
    """One image as the batch of one the model takes: ``float32`` ``(1, *input_shape)``."""
    shape = _input_shape(model)
    img = as_numeric_array(image, name)
    if len(shape) != 3:
        raise PyKerasRError(f"the model takes inputs of shape {shape}, not images (height, width, channels): "
                            "looking inside needs a model that starts with convolutions.")
    if img.size != int(np.prod(shape)) or img.ndim not in (2, 3, 4) or (img.ndim == 4 and img.shape[0] != 1):
        raise PyKerasRError(f"`{name}` must be one image of shape {shape} (or {shape[:2]}); "
                            f"got an array of shape {img.shape}.")
    if img.shape[:2] != shape[:2] and img.shape[1:3] != shape[:2]:
        raise PyKerasRError(f"`{name}` must be one image of shape {shape} (or {shape[:2]}); "
                            f"got an array of shape {img.shape}.")
    if not np.all(np.isfinite(img)):
        raise PyKerasRError(f"`{name}` contains NaN or infinite values.")
    return np.ascontiguousarray(img.reshape((1, *shape)), np.float32)


def _is_spatial(layer) -> bool:
    """A convolution or pooling layer with a (batch, height, width, channels) output."""
    kind = type(layer).__name__
    return ("Conv" in kind or "Pool" in kind) and len(layer.output.shape) == 4


def _spatial_layers(model) -> list[int]:
    _input_shape(model)
    found = [i for i, layer in enumerate(model.layers) if _is_spatial(layer)]
    if not found:
        raise PyKerasRError(f"the model {show(model.name)} has no convolution or pooling layer (its layers: "
                            f"{', '.join(type(l).__name__ for l in model.layers)}); looking inside needs a convnet.")
    return found


def _describe(model, positions, base: int) -> str:
    return ", ".join(f"{model.layers[i].name} ({i + base})" for i in positions)


def _layer_position(model, layer, one_based: bool, *, conv_only: bool = False) -> int:
    """The 0-based position of ``layer`` (a position in the caller's base, or a name), checked
    to be a convolution (``conv_only``) or a convolution or pooling layer."""
    spatial = _spatial_layers(model)
    allowed = [i for i in spatial if "Conv" in type(model.layers[i]).__name__] if conv_only else spatial
    base = 1 if one_based else 0
    what = "convolution layer" if conv_only else "convolution or pooling layer"
    if isinstance(layer, str):
        names = [l.name for l in model.layers]
        if layer not in names:
            raise PyKerasRError(f"the model has no layer named {show(layer)}; its {what}s: "
                                f"{_describe(model, allowed, base)}.")
        position = names.index(layer)
    elif isinstance(layer, (int, np.integer)) and not isinstance(layer, bool):
        position = int(layer) - base
        if not 0 <= position < len(model.layers):
            raise PyKerasRError(f"`layer` must be a layer position from {base} to {len(model.layers) - 1 + base}; "
                                f"got {show(layer)}. Its {what}s: {_describe(model, allowed, base)}.")
    else:
        raise PyKerasRError(f"`layer` must be a layer position or name; got {show(layer)}.")
    if position not in allowed:
        found = model.layers[position]
        shape = tuple(found.output.shape)
        reason = "has no channels" if len(shape) != 4 else f"is not a {what}"
        raise PyKerasRError(f"layer {position + base} {reason}: layer {show(found.name)} outputs shape {shape}; "
                            f"choose a {what}: {_describe(model, allowed, base)}.")
    return position


def _filter_positions(model, position: int, filters, one_based: bool) -> list[int]:
    count = int(model.layers[position].output.shape[-1])
    base = 1 if one_based else 0
    if filters is None:
        return list(range(count))
    values = [filters] if np.ndim(filters) == 0 else list(np.asarray(filters).ravel())
    out = []
    for f in values:
        if isinstance(f, (bool, np.bool_)) or not isinstance(f, (int, np.integer)) or not base <= f < count + base:
            raise PyKerasRError(f"`filters` must be filter positions from {base} to {count - 1 + base}: layer "
                                f"{show(model.layers[position].name)} has {count} filters; got {show(f)}.")
        out.append(int(f) - base)
    if not out:
        raise PyKerasRError("`filters` must name at least one filter; got none.")
    return out


def _sub_model(model, positions, *, with_output: bool = False):
    """A model from ``model``'s input to the outputs of its layers at ``positions`` (a list: a
    list of outputs; one position: one output), then its own output with ``with_output``.

    A Sequential model's layers are applied again to a new input of its shape, with their own
    weights: after ``model_from_json`` or loading, ``layer.output`` can belong to an earlier
    graph than ``model.outputs``, and a model mixing them has no gradient from one to the other.
    """
    import keras

    many = isinstance(positions, (list, tuple))
    wanted = list(positions) if many else [positions]
    if isinstance(model, keras.Sequential):
        inputs = keras.Input(shape=_input_shape(model))
        tensor, found = inputs, {}
        for i, layer in enumerate(model.layers):
            tensor = layer(tensor)
            found[i] = tensor
        outputs, final = [found[i] for i in wanted], tensor
    else:
        inputs = model.inputs[0] if len(model.inputs) == 1 else model.inputs  # called with one array
        outputs, final = [model.layers[i].output for i in wanted], model.outputs[0]
    if with_output:
        return keras.Model(inputs=inputs, outputs=[*outputs, final])
    return keras.Model(inputs=inputs, outputs=outputs if many else outputs[0])


# --------------------------------------------------------------------------- 1. by hand


def convolve(image, kern) -> np.ndarray:
    """The 'valid' 3x3 convolution of one grey image (stride 1, no padding, no bias), as Keras'
    ``Conv2D`` computes it: ``float32`` ``(height - 2, width - 2)``."""
    img, k = _plane(image), kernel(kern)
    h, w = img.shape
    out = np.zeros((h - 2, w - 2), np.float32)
    for dy in range(3):  # nine shifted copies of the image, each weighted by one kernel value
        for dx in range(3):
            out += k[dy, dx] * img[dy:dy + h - 2, dx:dx + w - 2]
    return out


def max_pool(feature_map, size: int = 2) -> np.ndarray:
    """``size`` x ``size`` max pooling, stride ``size``, leftover rows and columns dropped (as
    Keras' ``MaxPooling2D``): the largest value of each region."""
    fm = _plane(feature_map, "feature_map") if np.ndim(feature_map) != 2 else as_numeric_array(feature_map)
    h, w = fm.shape[0] // size, fm.shape[1] // size
    if h == 0 or w == 0:
        raise PyKerasRError(f"`feature_map` of shape {fm.shape} is smaller than the {size}x{size} pool.")
    return fm[:h * size, :w * size].reshape(h, size, w, size).max(axis=(1, 3)).astype(np.float32)


def hand_convolution(image=None, kern=None) -> dict:
    """Lesson 9's convolution by hand: ``image`` (default the slide's 5x5), ``kernel`` (a name or
    3x3 numbers; default the slide's), the feature map it makes and its 2x2 max pooling.

    Returns ``{"image", "kernel", "feature_map", "pooled"}`` (``float32`` arrays; feature map
    ``(h-2, w-2)``, pooled ``((h-2)//2, (w-2)//2)``) and ``"kernel_name"``.
    """
    img = SLIDE_IMAGE if image is None else _plane(image)
    kern = SLIDE_KERNEL if kern is None else kern
    fm = convolve(img, kern)
    return {"image": img, "kernel": kernel(kern), "kernel_name": kern if isinstance(kern, str) else ("the slide's" if kern is SLIDE_KERNEL else "given"),
            "feature_map": fm, "pooled": max_pool(fm) if min(fm.shape) >= 2 else np.zeros((0, 0), np.float32)}


# --------------------------------------------------------------------------- 2-3. maps and filters


def feature_maps(model, image, *, one_based: bool = False) -> list[dict]:
    """The activations of every convolution and pooling layer for one image.

    Returns one dict per layer, in model order: ``layer`` (position, in the caller's base),
    ``name``, ``kind`` (class name) and ``maps``: ``float32`` ``(height, width, channels)``.
    """
    positions = _spatial_layers(model)
    x = model_image(model, image)
    outputs = _sub_model(model, list(positions))(x, training=False)
    outputs = outputs if isinstance(outputs, (list, tuple)) else [outputs]
    base = 1 if one_based else 0
    return [{"layer": i + base, "name": model.layers[i].name, "kind": type(model.layers[i]).__name__,
             "maps": np.asarray(out)[0].astype(np.float32)} for i, out in zip(positions, outputs)]


def conv_filters(model, layer=None, *, one_based: bool = False) -> dict:
    """A convolution layer's kernels (default: the first convolution layer).

    Returns ``layer``, ``name`` and ``kernels``: ``float32`` ``(filters, kh, kw, in_channels)``,
    and ``bias`` ``(filters,)`` (zeros for a layer without bias).
    """
    base = 1 if one_based else 0
    if layer is None:
        position = next(i for i in _spatial_layers(model) if "Conv" in type(model.layers[i]).__name__)
    else:
        position = _layer_position(model, layer, one_based, conv_only=True)
    conv = model.layers[position]
    kern = np.asarray(conv.kernel)
    bias = np.asarray(conv.bias) if getattr(conv, "bias", None) is not None else np.zeros(kern.shape[-1])
    return {"layer": position + base, "name": conv.name,
            "kernels": np.ascontiguousarray(np.moveaxis(kern, -1, 0), np.float32), "bias": bias.astype(np.float32)}


# --------------------------------------------------------------------------- 4. gradient ascent


def _gradient(fn, x):
    """(fn(x), d fn / d x) for a scalar function of a float32 array, on Keras' backend."""
    import keras

    backend = keras.backend.backend()
    if backend == "tensorflow":
        import tensorflow as tf

        x = tf.convert_to_tensor(x)
        with tf.GradientTape() as tape:
            tape.watch(x)
            value = fn(x)
        return np.asarray(value), np.asarray(tape.gradient(value, x))
    if backend == "jax":
        import jax

        value, grad = jax.value_and_grad(fn)(x)
        return np.asarray(value), np.asarray(grad)
    if backend == "torch":
        import torch

        x = torch.tensor(x, requires_grad=True)
        value = fn(x)
        value.backward()
        return value.detach().cpu().numpy(), x.grad.cpu().numpy()
    raise PyKerasRError(f"gradients are not available on the {backend!r} backend.")


def _ascend(sub, start: np.ndarray, filters: list[int], steps: int, step_size: float, value_range) -> np.ndarray:
    """Gradient ascent of each image ``start[i]`` on the mean activation of ``filters[i]``: all
    filters in one batch (their images do not interact), the gradient of each image scaled to
    unit RMS, values kept in ``value_range``."""
    import keras

    low, high = float(value_range[0]), float(value_range[1])
    step = np.float32(step_size * (high - low))
    picks = keras.ops.convert_to_tensor(np.eye(int(sub.output.shape[-1]), dtype=np.float32)[filters])

    height, width = int(sub.output.shape[1]), int(sub.output.shape[2])
    b = ASCENT_BORDER if min(height, width) > 4 * ASCENT_BORDER else 0

    def score(x):  # sum over images of the mean activation of that image's filter, inside the border
        act = sub(x, training=False)[:, b:height - b, b:width - b, :]
        return keras.ops.sum(keras.ops.mean(act, axis=(1, 2)) * picks)

    x = start.astype(np.float32)
    for _ in range(int(steps)):
        _, grad = _gradient(score, x)
        rms = np.sqrt(np.mean(np.square(grad), axis=(1, 2, 3), keepdims=True)) + np.float32(1e-8)
        x = np.clip(x + step * grad / rms, low, high).astype(np.float32)
    return x


def _check_steps(steps, step_size):
    if isinstance(steps, bool) or not isinstance(steps, (int, np.integer)) or steps < 1:
        raise PyKerasRError(f"`steps` must be a whole number >= 1; got {show(steps)}.")
    if not isinstance(step_size, (int, float, np.number)) or not step_size > 0:
        raise PyKerasRError(f"`step_size` must be a number > 0; got {show(step_size)}.")


def filter_patterns(model, layer=None, filters=None, *, steps: int = ASCENT_STEPS, step_size: float = ASCENT_STEP_SIZE,
                    seed: int = 1, value_range=(0.0, 1.0), one_based: bool = False) -> dict:
    """What each filter responds to most: gradient ascent of the filter's mean activation,
    from a grey image with seeded noise (mid-grey of ``value_range`` +- ``ASCENT_NOISE``).

    ``layer`` defaults to the first convolution layer, ``filters`` to all of its filters.
    Deterministic for a ``seed`` (CPU). Returns ``layer``, ``name``, ``filters`` (positions,
    caller's base), ``patterns``: ``float32`` ``(len(filters), height, width, channels)`` in
    ``value_range``, and ``activations``: each filter's mean activation on its pattern.
    """
    steps = ASCENT_STEPS if steps is None else steps
    value_range = (0.0, 1.0) if value_range is None else value_range
    _check_steps(steps, step_size)
    base = 1 if one_based else 0
    if layer is None:
        position = next(i for i in _spatial_layers(model) if "Conv" in type(model.layers[i]).__name__)
    else:
        position = _layer_position(model, layer, one_based)
    chosen = _filter_positions(model, position, filters, one_based)
    shape = _input_shape(model)
    low, high = float(value_range[0]), float(value_range[1])
    rng = np.random.default_rng(seed)
    noise = rng.uniform(-ASCENT_NOISE, ASCENT_NOISE, size=(len(chosen), *shape)).astype(np.float32)
    start = (np.float32((low + high) / 2) + noise * np.float32(high - low)).astype(np.float32)
    sub = _sub_model(model, position)
    patterns = _ascend(sub, start, chosen, steps, step_size, value_range)
    act = np.asarray(sub(patterns, training=False))
    return {"layer": position + base, "name": model.layers[position].name, "filters": [f + base for f in chosen],
            "patterns": patterns, "activations": [float(act[i, ..., f].mean()) for i, f in enumerate(chosen)]}


def enhanced_digit(model, image, layer=None, filter=0, *, steps: int = ENHANCE_STEPS,
                   step_size: float = ENHANCE_STEP_SIZE, value_range=(0.0, 1.0), one_based: bool = False) -> dict:
    """A digit with one filter's feature enhanced: gradient ascent on that filter's mean
    activation, started from the digit instead of a grey image.

    Returns ``layer``, ``name``, ``filter``, ``image`` and ``enhanced`` (``float32``, the
    model's input shape, in ``value_range``), ``activation_before`` and ``activation_after``.
    """
    steps = ENHANCE_STEPS if steps is None else steps
    value_range = (0.0, 1.0) if value_range is None else value_range
    _check_steps(steps, step_size)
    base = 1 if one_based else 0
    x = model_image(model, image)
    if layer is None:
        position = next(i for i in _spatial_layers(model) if "Conv" in type(model.layers[i]).__name__)
    else:
        position = _layer_position(model, layer, one_based)
    chosen = _filter_positions(model, position, filter, one_based)
    sub = _sub_model(model, position)
    enhanced = _ascend(sub, x, chosen, steps, step_size, value_range)
    before = float(np.asarray(sub(x, training=False))[0, ..., chosen[0]].mean())
    after = float(np.asarray(sub(enhanced, training=False))[0, ..., chosen[0]].mean())
    return {"layer": position + base, "name": model.layers[position].name, "filter": chosen[0] + base,
            "image": x[0], "enhanced": enhanced[0], "activation_before": before, "activation_after": after}


# --------------------------------------------------------------------------- 5. Grad-CAM


def _resize(heat: np.ndarray, shape) -> np.ndarray:
    """Bilinear resize of a 2-D map to ``shape`` (pixel centres aligned)."""
    def coords(n_out, n_in):
        pos = np.clip((np.arange(n_out) + 0.5) * n_in / n_out - 0.5, 0, n_in - 1)
        lo = np.floor(pos).astype(int)
        return lo, np.minimum(lo + 1, n_in - 1), (pos - lo).astype(np.float32)

    y0, y1, fy = coords(shape[0], heat.shape[0])
    x0, x1, fx = coords(shape[1], heat.shape[1])
    top = heat[y0][:, x0] * (1 - fx) + heat[y0][:, x1] * fx
    bottom = heat[y1][:, x0] * (1 - fx) + heat[y1][:, x1] * fx
    return (top * (1 - fy[:, None]) + bottom * fy[:, None]).astype(np.float32)


def _layer_gradient(model, sub, position: int, x: np.ndarray, chosen: int) -> np.ndarray:
    """d output[chosen] / d (layer ``position``'s activations) for the batch ``x``."""
    import keras

    if keras.backend.backend() == "tensorflow":  # one forward pass, the activations watched
        import tensorflow as tf

        with tf.GradientTape() as tape:
            acts, probs = sub(x, training=False)
            score = probs[:, chosen]
        return np.asarray(tape.gradient(score, acts))
    # Other backends: the later layers applied in turn (a Sequential model).
    later = model.layers[position + 1:]

    def score_of(acts):
        for layer in later:
            acts = layer(acts, training=False)
        return keras.ops.sum(acts[:, chosen])

    return _gradient(score_of, np.asarray(sub(x, training=False)[0]))[1]


def grad_cam(model, image, class_index=None, *, one_based: bool = False) -> dict:
    """Grad-CAM: where the last convolution layer looks for a class. The channel weights are
    the mean gradients of the class's output over the layer's positions; the map is the ReLU of
    the weighted sum of the channels, divided by its maximum (0-1; all zeros when nothing
    speaks for the class).

    ``class_index``: None for the predicted class, else a class (0-based; 1-based with
    ``one_based`` only for the layer position reported; classes stay the labels 0..k-1).
    Returns ``layer``, ``name``, ``predicted``, ``class_index``, ``probabilities`` ``(k,)``,
    ``heatmap`` ``(h, w)`` of the layer, ``heatmap_image`` resized to the image, ``image``.
    """
    x = model_image(model, image)
    convs = [i for i in _spatial_layers(model) if "Conv" in type(model.layers[i]).__name__]
    if not convs:
        raise PyKerasRError("the model has pooling layers but no convolution layer; Grad-CAM needs one.")
    position = convs[-1]
    sub = _sub_model(model, position, with_output=True)
    acts, probs = (np.asarray(t) for t in sub(x, training=False))
    k = probs.shape[-1]
    predicted = int(np.argmax(probs[0]))
    chosen = predicted if class_index is None else check_labels(np.array([class_index]), k, name="class_index")[0]

    grads = _layer_gradient(model, sub, position, x, int(chosen))
    weights = grads[0].mean(axis=(0, 1))
    cam = np.maximum((acts[0] * weights).sum(axis=-1), 0)
    cam = (cam / cam.max()).astype(np.float32) if cam.max() > 0 else np.zeros_like(cam, np.float32)
    base = 1 if one_based else 0
    return {"layer": position + base, "name": model.layers[position].name, "predicted": predicted,
            "class_index": int(chosen), "probabilities": probs[0].astype(np.float32), "heatmap": cam,
            "heatmap_image": _resize(cam, x.shape[1:3]), "image": x[0]}


# --------------------------------------------------------------------------- 6. mistakes


def _class_names(class_names, k: int) -> list[str]:
    names = [str(i) for i in range(k)] if class_names is None else [str(c) for c in class_names]
    if len(names) != k:
        raise PyKerasRError(f"`class_names` must hold {k} names (one per class); got {len(names)}.")
    return names


def _labels_and_predictions(labels, predictions, num_classes):
    from .plots import _classes_from

    p = as_numeric_array(predictions, "predictions")
    k = int(p.shape[1]) if p.ndim == 2 else int(num_classes)
    y = as_numeric_array(labels, "labels")
    if y.ndim == 2 and y.shape[1] == k and k > 1:  # one-hot labels
        y = y.argmax(axis=1)
    y = check_labels(y, k, name="labels")
    pred = _classes_from(p, k)
    if pred.shape[0] != y.shape[0]:
        raise PyKerasRError(f"`predictions` has {pred.shape[0]} rows but `labels` has {y.shape[0]}.")
    return y.astype(np.int64), pred.astype(np.int64), p, k


def confusion_matrix(labels, predictions, num_classes: int = 10, class_names=None) -> dict:
    """Counts of (true class, predicted class): ``counts`` ``int64`` ``(k, k)``, rows the true
    class, columns the predicted one; ``class_names``; ``accuracy`` (the diagonal's share) and ``n``.
    ``predictions``: probabilities ``(n, k)`` or predicted labels ``(n,)``."""
    y, pred, _, k = _labels_and_predictions(labels, predictions, num_classes)
    counts = np.zeros((k, k), np.int64)
    np.add.at(counts, (y, pred), 1)
    return {"counts": counts, "class_names": _class_names(class_names, k), "n": int(len(y)),
            "accuracy": float(np.trace(counts) / max(len(y), 1))}


def confused_pairs(counts, class_names=None, top: int = 5) -> dict:
    """The ``top`` most frequent mistakes of a confusion matrix, most frequent first (ties: by
    true, then predicted class): columns ``true``, ``predicted`` (labels), ``true_name``,
    ``predicted_name``, ``count``; pairs with no mistake are left out."""
    c = np.asarray(counts)
    names = _class_names(class_names, c.shape[0])
    off = [(int(c[t, p]), t, p) for t in range(c.shape[0]) for p in range(c.shape[1]) if t != p and c[t, p] > 0]
    off.sort(key=lambda v: (-v[0], v[1], v[2]))
    off = off[:int(top)]
    return {"true": [t for _, t, _ in off], "predicted": [p for _, _, p in off],
            "true_name": [names[t] for _, t, _ in off], "predicted_name": [names[p] for _, _, p in off],
            "count": [n for n, _, _ in off]}


def confident_mistakes(labels, predictions, class_names=None, top: int = 25, ncol: int = 5) -> dict:
    """The mistakes the model was surest of, surest first, laid out as the prediction grid
    (``plots.prediction_grid_cells``: same titles and colours), ``ncol`` columns.

    Returns the grid's cells (``index`` now the position in the whole test set, 0-based) plus
    ``confidence`` (the predicted class's probability), ``nrow``, ``ncol`` and ``class_names``;
    no cells when there is no mistake. ``predictions`` must be probabilities ``(n, k)``.
    """
    from .plots import prediction_grid_cells

    p = as_numeric_array(predictions, "predictions")
    if p.ndim != 2:
        raise PyKerasRError(f"`predictions` must be probabilities (n, classes) to rank mistakes; got shape {p.shape}.")
    y, pred, p, k = _labels_and_predictions(labels, p, p.shape[1])
    names = _class_names(class_names, k)
    wrong = np.flatnonzero(pred != y)
    confidence = p[wrong, pred[wrong]]
    order = wrong[np.argsort(-confidence, kind="stable")]
    ncol = max(1, min(int(ncol), len(order)))
    nrow = min(len(order), int(top)) // ncol
    shown = order[:nrow * ncol]
    if nrow == 0:
        empty = {key: [] for key in ("index", "row", "col", "predicted", "true", "title", "correct", "colour")}
        return {**empty, "confidence": [], "nrow": 0, "ncol": 0, "class_names": names}
    cells = prediction_grid_cells(y[shown], p[shown], names, nrow, ncol)
    cells["index"] = [int(shown[i]) for i in cells["index"]]
    cells["confidence"] = [float(p[i, pred[i]]) for i in cells["index"]]
    return {**cells, "nrow": nrow, "ncol": ncol, "class_names": names}


# --------------------------------------------------------------------------- picture layouts


def image_sheet(groups, ncol: int = 8) -> dict:
    """Where the small images of a picture go: each group (a layer) starts a new row under a
    heading row; its images fill rows of ``ncol``, left to right.

    ``groups``: ``[(heading, titles, images), ...]``. Returns ``ncol``, ``nrow`` (rows in all,
    headings included), ``headings``: ``{"row", "text"}`` columns, and ``cells``: ``{"image"``
    (0-based position in the concatenated images), ``"row"``, ``"col"``, ``"title"}`` columns,
    rows and columns 0-based; both drawings (matplotlib, R) place panels from these.
    """
    headings = {"row": [], "text": []}
    cells = {"image": [], "row": [], "col": [], "title": []}
    row, image = 0, 0
    for heading, titles, _ in groups:
        headings["row"].append(row)
        headings["text"].append(str(heading))
        row += 1
        for i, title in enumerate(titles):
            cells["image"].append(image)
            cells["row"].append(row + i // ncol)
            cells["col"].append(i % ncol)
            cells["title"].append(str(title))
            image += 1
        row += -(-len(titles) // ncol)
    return {"ncol": int(ncol), "nrow": row, "headings": headings, "cells": cells}


def feature_map_sheet(maps: list[dict], max_channels: int = 32, ncol: int = 16) -> dict:
    """The feature maps as a sheet: one heading per layer (``"<name> (<kind>): h x w x c"``),
    the first ``max_channels`` channels, titled by channel (1-based, as a student counts)."""
    groups = []
    for entry in maps:
        m = entry["maps"]
        shown = min(m.shape[-1], int(max_channels))
        heading = f"{entry['name']} ({entry['kind']}): {m.shape[0]} x {m.shape[1]} x {m.shape[2]}"
        if shown < m.shape[-1]:
            heading += f", first {shown} channels"
        groups.append((heading, [str(c + 1) for c in range(shown)], [m[..., c] for c in range(shown)]))
    sheet = image_sheet(groups, ncol)
    sheet["images"] = [img for _, _, imgs in groups for img in imgs]
    return sheet


def filter_sheet(found: dict, ncol: int = 8) -> dict:
    """A layer's kernels (first input channel) as a sheet, titled by filter (1-based)."""
    k = found["kernels"]
    groups = [(f"{found['name']}: {k.shape[0]} filters of {k.shape[1]} x {k.shape[2]}",
               [str(i + 1) for i in range(k.shape[0])], [k[i, ..., 0] for i in range(k.shape[0])])]
    sheet = image_sheet(groups, ncol)
    sheet["images"] = groups[0][2]
    return sheet


def pattern_sheet(found: dict, ncol: int = 8, one_based: bool = False) -> dict:
    """The patterns of ``filter_patterns`` as a sheet, titled by filter (1-based)."""
    shift = 0 if one_based else 1
    pats = found["patterns"]
    groups = [(f"{found['name']}: what each filter responds to most (gradient ascent)",
               [str(f + shift) for f in found["filters"]], [pats[i, ..., 0] for i in range(len(pats))])]
    sheet = image_sheet(groups, ncol)
    sheet["images"] = groups[0][2]
    return sheet


def panel_row(titles, images, kinds=None) -> dict:
    """A row of panels, left to right: ``title``, ``images`` (2-D arrays) and ``kind``:
    ``"image"`` (grey levels, each panel scaled to its own range, as R's ``image()``),
    ``"numbers"`` (the values also written in the cells: small arrays such as the slide's 5x5)
    or ``"heat"`` (a 0-1 heatmap over the row's first image)."""
    kinds = ["image"] * len(titles) if kinds is None else [str(k) for k in kinds]
    return {"title": [str(t) for t in titles], "images": [np.asarray(i, np.float32) for i in images],
            "kind": kinds}


def convolution_panels(found: dict) -> dict:
    """``hand_convolution``'s four panels: image, kernel, feature map, pooled; numbers written
    in the cells of arrays up to 8 x 8 (the slide's example)."""
    img, k, fm, pooled = found["image"], found["kernel"], found["feature_map"], found["pooled"]
    name = found["kernel_name"]
    titles = [f"image {img.shape[0]} x {img.shape[1]}", f"kernel: {name}",
              f"feature map {fm.shape[0]} x {fm.shape[1]}", f"2 x 2 max pooling: {pooled.shape[0]} x {pooled.shape[1]}"]
    arrays = [img, k, fm, pooled]
    return panel_row(titles, arrays, ["numbers" if max(a.shape) <= 8 else "image" for a in arrays])


def enhanced_panels(found: dict) -> dict:
    """``enhanced_digit``'s panels: the digit, the enhanced digit, what was added."""
    return panel_row([f"digit (mean activation {found['activation_before']:.3g})",
                      f"enhanced ({found['activation_after']:.3g})", "added"],
                     [found["image"][..., 0], found["enhanced"][..., 0],
                      found["enhanced"][..., 0] - found["image"][..., 0]])


def grad_cam_picture(model, image, class_index=None, class_names=None, *, one_based: bool = False) -> dict:
    """Grad-CAM for the predicted class and, if given, a chosen one: ``predicted`` and
    ``chosen`` (``grad_cam``'s dicts; ``chosen`` None when not given) and the panels: the
    digit, then each heatmap over it, titled with the class and its probability."""
    first = grad_cam(model, image, None, one_based=one_based)
    names = _class_names(class_names, len(first["probabilities"]))
    second = None if class_index is None else grad_cam(model, image, class_index, one_based=one_based)
    titles, images = [f"image (predicted {names[first['predicted']]})"], [first["image"][..., 0]]
    for found, kind in ((first, "predicted"), (second, "chosen")):
        if found is not None:
            c = found["class_index"]
            titles.append(f"{kind} {names[c]}: p = {found['probabilities'][c]:.3f}")
            images.append(found["heatmap_image"])
    return {"predicted": first, "chosen": second, "layer": first["layer"], "name": first["name"],
            "title": f"Grad-CAM of layer {first['name']}", "panels": panel_row(titles, images, ["image"] + ["heat"] * (len(images) - 1))}


def confusion_title(found: dict) -> str:
    return f"confusion matrix: {found['n']:,} images, accuracy {found['accuracy']:.4f}"


# --------------------------------------------------------------------------- pictures: numbers + layout
# What each drawing needs, in one call: inside_plots draws these with matplotlib, R/inside.R
# with R graphics.


def convolution_picture(image=None, kern=None) -> dict:
    """``hand_convolution`` and its ``panels``."""
    found = hand_convolution(image, kern)
    return {**found, "panels": convolution_panels(found)}


def feature_map_picture(model, image, max_channels: int = 32, *, one_based: bool = False) -> dict:
    """``maps`` (``feature_maps``) and their ``sheet``."""
    maps = feature_maps(model, image, one_based=one_based)
    return {"maps": maps, "sheet": feature_map_sheet(maps, max_channels)}


def filter_picture(model, layer=None, *, one_based: bool = False) -> dict:
    """``conv_filters`` and their ``sheet``."""
    found = conv_filters(model, layer, one_based=one_based)
    return {**found, "sheet": filter_sheet(found)}


def pattern_picture(model, layer=None, filters=None, *, steps: int = ASCENT_STEPS,
                    step_size: float = ASCENT_STEP_SIZE, seed: int = 1, value_range=(0.0, 1.0),
                    one_based: bool = False) -> dict:
    """``filter_patterns`` and their ``sheet``."""
    found = filter_patterns(model, layer, filters, steps=steps, step_size=step_size, seed=seed,
                            value_range=value_range, one_based=one_based)
    return {**found, "sheet": pattern_sheet(found, one_based=one_based)}


def enhanced_picture(model, image, layer=None, filter=0, *, steps: int = ENHANCE_STEPS,
                     step_size: float = ENHANCE_STEP_SIZE,
                     value_range=(0.0, 1.0), one_based: bool = False) -> dict:
    """``enhanced_digit``, its ``panels`` and ``title``."""
    found = enhanced_digit(model, image, layer, filter, steps=steps, step_size=step_size, value_range=value_range,
                           one_based=one_based)
    return {**found, "panels": enhanced_panels(found),
            "title": f"layer {found['name']}, filter {found['filter'] + (0 if one_based else 1)}"}


def confusion_picture(labels, predictions, class_names=None, num_classes: int = 10, top: int = 5) -> dict:
    """``confusion_matrix``, its ``pairs`` (``confused_pairs``) and ``title``."""
    found = confusion_matrix(labels, predictions, num_classes, class_names)
    return {**found, "pairs": confused_pairs(found["counts"], found["class_names"], top),
            "title": confusion_title(found)}
