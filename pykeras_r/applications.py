"""keras R 2.x's ``application_*()`` architectures on Keras 3, built offline.

``weights = NULL`` builds the architecture with fresh weights, with no download; a path to a
weights file loads that file. ImageNet's pretrained weights (``weights = "imagenet"``, keras R's
default) would be downloaded from the internet, which pykerasr does not do: such a call stops
with one paragraph saying why and what to write instead.
"""

from __future__ import annotations

import os

from .errors import PyKerasRError, show

# R name (application_<name>) -> Keras 3 class in keras.applications
ARCHITECTURES = {
    "xception": "Xception", "vgg16": "VGG16", "vgg19": "VGG19", "inception_v3": "InceptionV3",
    "inception_resnet_v2": "InceptionResNetV2", "mobilenet": "MobileNet", "mobilenet_v2": "MobileNetV2",
    "mobilenet_v3_large": "MobileNetV3Large", "mobilenet_v3_small": "MobileNetV3Small",
    "densenet121": "DenseNet121", "densenet169": "DenseNet169", "densenet201": "DenseNet201",
    "nasnetlarge": "NASNetLarge", "nasnetmobile": "NASNetMobile",
    "resnet50": "ResNet50", "resnet101": "ResNet101", "resnet152": "ResNet152",
    "resnet50_v2": "ResNet50V2", "resnet101_v2": "ResNet101V2", "resnet152_v2": "ResNet152V2",
    **{f"efficientnet_b{i}": f"EfficientNetB{i}" for i in range(8)},
}


def download_refusal(r_name: str, weights) -> str:
    """Why ``application_<r_name>(weights = ...)`` cannot download, and what to write instead."""
    return (f"application_{r_name}(weights = {show(weights)}) would download pretrained weights from the internet "
            "(ImageNet's, from storage.googleapis.com), which pykerasr does not do: lessons must run the same "
            f"offline, and a download fails where the internet cannot be reached. Write application_{r_name}"
            "(weights = NULL) for the architecture with fresh weights (then train it, e.g. with include_top = FALSE "
            "and your own classes), or, where there is internet, download the weights file once yourself and give "
            "its path: weights = \"path/to/weights.h5\".")


# keras R 2.15's generic makers: keras.applications.densenet.DenseNet and nasnet.NASNet, which
# Keras 2.15 no longer exported (keras R 2.15's application_densenet() and application_nasnet()
# stopped with an AttributeError) and Keras 3 keeps in its modules, beside DenseNet121...
GENERIC = {"densenet": ("keras.src.applications.densenet", "DenseNet"),
           "nasnet": ("keras.src.applications.nasnet", "NASNet")}


def build(r_name: str, weights=None, **kwargs):
    """The Keras 3 model of ``application_<r_name>()``; ``weights``: ``None`` or a weights file's path."""
    if weights is not None and not (isinstance(weights, (str, os.PathLike)) and os.path.isfile(weights)):
        raise PyKerasRError(download_refusal(r_name, weights))
    import importlib

    import keras

    if "input_shape" in kwargs and kwargs["input_shape"] is not None:
        kwargs["input_shape"] = tuple(int(d) for d in kwargs["input_shape"])
    if r_name in GENERIC:
        module, name = GENERIC[r_name]
        return getattr(importlib.import_module(module), name)(weights=weights, **kwargs)
    return getattr(keras.applications, ARCHITECTURES[r_name])(weights=weights, **kwargs)


def densenet(blocks, weights=None, **kwargs):
    """keras R's application_densenet(): a DenseNet with ``blocks`` (4 whole numbers: the dense
    blocks' sizes; DenseNet121 is ``c(6, 12, 24, 16)``), built offline."""
    return build("densenet", weights, blocks=[int(b) for b in blocks], **kwargs)


def nasnet(weights=None, **kwargs):
    """keras R's application_nasnet(): a NASNet (NASNetMobile is ``penultimate_filters = 1056,
    num_blocks = 4, stem_block_filters = 32, skip_reduction = FALSE, default_size = 224``), built offline."""
    return build("nasnet", weights, **kwargs)


# keras R's <name>_preprocess_input() -> the module of keras.applications whose preprocess_input it is
PREPROCESSORS = {"xception": "xception", "imagenet": "vgg16", "resnet": "resnet", "resnet_v2": "resnet_v2",
                 "inception_v3": "inception_v3", "inception_resnet_v2": "inception_resnet_v2",
                 "mobilenet": "mobilenet", "mobilenet_v2": "mobilenet_v2", "densenet": "densenet",
                 "nasnet": "nasnet"}


def preprocess_input(model: str, x, data_format=None, mode=None):
    """An image batch (``(n, height, width, 3)`` or one image, 0-255) scaled as ``model``'s
    ImageNet weights expect, as float32: ``"caffe"`` (BGR, ImageNet means subtracted: VGG, ResNet,
    ``imagenet``), ``"tf"`` (-1 to 1: Xception, Inception, MobileNet, NASNet, ResNet V2) or
    ``"torch"`` (0-1, standardized: DenseNet). ``mode`` (imagenet only) picks one of them."""
    import keras
    import numpy as np

    x = np.array(x, dtype=keras.backend.floatx())  # a copy: Keras scales numpy arrays in place
    if mode is not None:
        from keras.src.applications import imagenet_utils

        return imagenet_utils.preprocess_input(x, data_format=data_format, mode=mode)
    return getattr(keras.applications, PREPROCESSORS[model]).preprocess_input(x, data_format=data_format)


def _preprocessor(model: str, with_data_format: bool):
    if model == "imagenet":
        def preprocess(x, data_format=None, mode="caffe"):
            return preprocess_input(model, x, data_format, mode)
    elif with_data_format:
        def preprocess(x, data_format=None):
            return preprocess_input(model, x, data_format)
    else:
        def preprocess(x):
            return preprocess_input(model, x)
    preprocess.__name__ = f"{model}_preprocess_input"
    preprocess.__doc__ = f"keras R's {model}_preprocess_input(): :func:`preprocess_input` for {model}."
    return preprocess


def decode_predictions(preds, top=5, file_hash=None) -> list[dict]:
    """The ``top`` ImageNet classes of each row of ``preds`` (``(n, 1000)`` probabilities), best
    first: one ``{"class_name": ["n02123045", ...], "class_description": ["tabby", ...], "score":
    [...]}`` per row. Needs Keras' ImageNet class index (``imagenet_class_index.json`` in
    ``$KERAS_HOME/models``, downloaded there once); offline without it, it stops saying where to
    put it. ``file_hash`` replaces its pinned MD5 (for tests on a small index)."""
    import json

    import numpy as np

    from .downloads import keras_file

    preds = np.asarray(preds)
    if preds.ndim != 2 or preds.shape[1] != 1000:
        raise PyKerasRError("decode_predictions expects predictions of ImageNet's 1000 classes, a matrix "
                            f"(samples, 1000); got shape {show(preds.shape)}.")
    with open(keras_file("imagenet_class_index", None, "imagenet_decode_predictions()", file_hash)) as f:
        index = json.load(f)
    decoded = []
    for row in preds:
        best = np.argsort(row)[::-1][: int(top)]
        decoded.append({"class_name": [index[str(i)][0] for i in best],
                        "class_description": [index[str(i)][1] for i in best],
                        "score": [float(row[i]) for i in best]})
    return decoded


def load_mobilenet_hdf5(filepath):
    """keras R's mobilenet_load_model_hdf5() / mobilenet_v2_load_model_hdf5(): a MobileNet saved in
    HDF5. Keras 2.1.5+ needs no custom objects for it (ReLU6 and DepthwiseConv2D are built in)."""
    from .saving import load_model_hdf5

    return load_model_hdf5(filepath)


def _maker(r_name: str):
    def make(weights=None, **kwargs):
        return build(r_name, weights, **kwargs)

    make.__name__ = r_name
    make.__doc__ = f"keras R's application_{r_name}(): keras.applications.{ARCHITECTURES[r_name]}, built offline."
    return make


globals().update({name: _maker(name) for name in ARCHITECTURES})
globals().update({f"{name}_preprocess_input": _preprocessor(name, name in ("imagenet", "densenet"))
                  for name in PREPROCESSORS})
