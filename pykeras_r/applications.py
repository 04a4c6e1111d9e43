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


def build(r_name: str, weights=None, **kwargs):
    """The Keras 3 model of ``application_<r_name>()``; ``weights``: ``None`` or a weights file's path."""
    if weights is not None and not (isinstance(weights, (str, os.PathLike)) and os.path.isfile(weights)):
        raise PyKerasRError(download_refusal(r_name, weights))
    import keras

    if "input_shape" in kwargs and kwargs["input_shape"] is not None:
        kwargs["input_shape"] = tuple(int(d) for d in kwargs["input_shape"])
    return getattr(keras.applications, ARCHITECTURES[r_name])(weights=weights, **kwargs)


def _maker(r_name: str):
    def make(weights=None, **kwargs):
        return build(r_name, weights, **kwargs)

    make.__name__ = r_name
    make.__doc__ = f"keras R's application_{r_name}(): keras.applications.{ARCHITECTURES[r_name]}, built offline."
    return make


globals().update({name: _maker(name) for name in ARCHITECTURES})
