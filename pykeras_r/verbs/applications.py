"""Image classification architectures (application_*): the table of their R verbs (see pykeras_r/verbs/spec.py)."""

from __future__ import annotations

from .spec import Arg, Verb, Family

_INCLUDE_TOP = Arg(True, doc="Whether to include the classifier on top (`FALSE`: the convolutional base, "
                                "for your own classifier).")
_WEIGHTS = Arg("imagenet", doc="`NULL` (fresh weights, built offline) or the path of a weights file. keras R's "
                               "default, `\"imagenet\"`, would download pretrained weights: it stops, saying what "
                               "to write instead.")
_WEIGHTS_NULL = Arg(None, doc="")
_INPUT_TENSOR = Arg(None, doc="Optional input tensor ([layer_input()]).")
_INPUT_SHAPE = Arg(None, "shape", "Optional image shape, e.g. `c(224, 224, 3)` (needed with `include_top = FALSE` "
                                  "for other sizes).")
_POOLING = Arg(None, doc="With `include_top = FALSE`: `NULL` (a 4D output), `\"avg\"` or `\"max\"` (global pooling).")
_CLASSES = Arg(1000, "integer", "Number of classes of the classifier on top.")
_ACTIVATION = Arg("softmax", doc="Activation of the top layer; `NULL` for logits.")
_MODEL = "A Keras model (uncompiled)."


def _standard(cls_name: str, title: str, activation: bool = True, weights=_WEIGHTS) -> Verb:
    args = {"include_top": _INCLUDE_TOP, "weights": weights, "input_tensor": _INPUT_TENSOR,
            "input_shape": _INPUT_SHAPE, "pooling": _POOLING, "classes": _CLASSES}
    if activation:
        args["classifier_activation"] = _ACTIVATION
    return Verb(f"pykeras_r.applications.{cls_name}", title, args, returns=_MODEL)


def _mobilenet_v3(name: str, title: str) -> Verb:
    return Verb(f"pykeras_r.applications.{name}", title, {
        "input_shape": _INPUT_SHAPE, "alpha": Arg(1, "number", ""), "minimalistic": Arg(False, doc="Whether to use "
        "the minimalistic blocks (no squeeze-excite, ReLU)."), "include_top": _INCLUDE_TOP, "weights": _WEIGHTS,
        "input_tensor": _INPUT_TENSOR, "classes": _CLASSES, "pooling": _POOLING,
        "dropout_rate": Arg(0.2, "number", "Dropout before the top layer."), "classifier_activation": _ACTIVATION,
        "include_preprocessing": Arg(True, doc="Whether the model rescales 0-255 pixels itself.")}, returns=_MODEL)


APPLICATIONS = Family("applications", "function", "Image classification architectures", {
    "application_xception": _standard("xception", "Xception"),
    "application_vgg16": _standard("vgg16", "VGG16"),
    "application_vgg19": _standard("vgg19", "VGG19"),
    "application_inception_v3": _standard("inception_v3", "Inception V3"),
    "application_inception_resnet_v2": _standard("inception_resnet_v2", "Inception-ResNet V2"),
    "application_resnet50": _standard("resnet50", "ResNet50", activation=False),
    "application_resnet101": _standard("resnet101", "ResNet101", activation=False),
    "application_resnet152": _standard("resnet152", "ResNet152", activation=False),
    "application_resnet50_v2": _standard("resnet50_v2", "ResNet50 V2"),
    "application_resnet101_v2": _standard("resnet101_v2", "ResNet101 V2"),
    "application_resnet152_v2": _standard("resnet152_v2", "ResNet152 V2"),
    "application_densenet121": _standard("densenet121", "DenseNet121", activation=False),
    "application_densenet169": _standard("densenet169", "DenseNet169", activation=False),
    "application_densenet201": _standard("densenet201", "DenseNet201", activation=False),
    "application_mobilenet": Verb("pykeras_r.applications.mobilenet", "MobileNet", {
        "input_shape": _INPUT_SHAPE, "alpha": Arg(1, "number", "Width multiplier of the layers."),
        "depth_multiplier": Arg(1, "integer", "Depth multiplier of the depthwise convolutions."),
        "dropout": Arg(0.001, "number", "Dropout before the top layer."), "include_top": _INCLUDE_TOP,
        "weights": _WEIGHTS, "input_tensor": _INPUT_TENSOR, "pooling": _POOLING, "classes": _CLASSES,
        "classifier_activation": _ACTIVATION}, returns=_MODEL),
    "application_mobilenet_v2": Verb("pykeras_r.applications.mobilenet_v2", "MobileNet V2", {
        "input_shape": _INPUT_SHAPE, "alpha": Arg(1, "number", ""), "include_top": _INCLUDE_TOP,
        "weights": _WEIGHTS, "input_tensor": _INPUT_TENSOR, "pooling": _POOLING, "classes": _CLASSES,
        "classifier_activation": _ACTIVATION}, returns=_MODEL),
    "application_mobilenet_v3_large": _mobilenet_v3("mobilenet_v3_large", "MobileNet V3 (large)"),
    "application_mobilenet_v3_small": _mobilenet_v3("mobilenet_v3_small", "MobileNet V3 (small)"),
    "application_nasnetlarge": Verb("pykeras_r.applications.nasnetlarge", "NASNet (large)", {
        "input_shape": _INPUT_SHAPE, "include_top": _INCLUDE_TOP, "weights": _WEIGHTS_NULL,
        "input_tensor": _INPUT_TENSOR, "pooling": _POOLING, "classes": _CLASSES}, returns=_MODEL),
    "application_nasnetmobile": Verb("pykeras_r.applications.nasnetmobile", "NASNet (mobile)", {
        "input_shape": _INPUT_SHAPE, "include_top": _INCLUDE_TOP, "weights": _WEIGHTS_NULL,
        "input_tensor": _INPUT_TENSOR, "pooling": _POOLING, "classes": _CLASSES}, returns=_MODEL),
    "application_efficientnet_b0": _standard("efficientnet_b0", "EfficientNet B0"),
    "application_efficientnet_b1": _standard("efficientnet_b1", "EfficientNet B1"),
    "application_efficientnet_b2": _standard("efficientnet_b2", "EfficientNet B2"),
    "application_efficientnet_b3": _standard("efficientnet_b3", "EfficientNet B3"),
    "application_efficientnet_b4": _standard("efficientnet_b4", "EfficientNet B4"),
    "application_efficientnet_b5": _standard("efficientnet_b5", "EfficientNet B5"),
    "application_efficientnet_b6": _standard("efficientnet_b6", "EfficientNet B6"),
    "application_efficientnet_b7": _standard("efficientnet_b7", "EfficientNet B7"),
}, shared_page="applications", shared_text=(
    "keras R 2.x's image classification architectures, built offline on Keras 3: "
    "`application_resnet50(weights = NULL, include_top = FALSE, input_shape = c(64, 64, 3))` is the "
    "architecture with fresh weights. Pretrained ImageNet weights would be downloaded: `weights = \"imagenet\"` "
    "(keras R's default) stops with an error saying so and what to write instead; a path to a weights file "
    "loads it."))
