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


_X = Arg(doc="Images: an array `c(n, height, width, 3)` (or one image `c(height, width, 3)`), values 0-255.")
_PREPROCESSED = ("A float32 array of `x`'s shape, scaled as the model's ImageNet weights expect: from -1 to 1 (Xception, "
                 "Inception, MobileNet, NASNet, ResNet V2), BGR with ImageNet's mean pixel subtracted (\"caffe\": "
                 "`imagenet_`, ResNet) or 0-1 standardized by ImageNet's means and deviations (DenseNet).")


def _preprocess(name: str, title: str, **args: Arg) -> Verb:
    return Verb(f"pykeras_r.applications.{name}_preprocess_input", title, {"x": _X, **args}, returns=_PREPROCESSED)


def _load_hdf5(title: str) -> Verb:
    return Verb("pykeras_r.applications.load_mobilenet_hdf5", title, {
        "filepath": Arg(convert="path", doc="An HDF5 file saved by [save_model_hdf5()] (keras R 2.x's or pykerasr's).")},
        returns=_MODEL)


_DATA_FORMAT_IN = Arg(None, doc="`NULL` (the backend's), `\"channels_last\"` or `\"channels_first\"`.")

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
    "application_densenet": Verb("pykeras_r.applications.densenet", "DenseNet with any dense blocks", {
        "blocks": Arg(doc="The sizes of the four dense blocks, e.g. `c(6, 12, 24, 16)` (DenseNet121's)."),
        "include_top": _INCLUDE_TOP, "weights": _WEIGHTS, "input_tensor": _INPUT_TENSOR,
        "input_shape": _INPUT_SHAPE, "pooling": _POOLING, "classes": _CLASSES}, returns=_MODEL),
    "application_nasnet": Verb("pykeras_r.applications.nasnet", "NASNet with any cells", {
        "input_shape": _INPUT_SHAPE,
        "penultimate_filters": Arg(4032, "integer", "Filters of the penultimate layer (a multiple of "
                                   "24 * `filter_multiplier`^2)."),
        "num_blocks": Arg(6, "integer", "Number of repeated blocks."),
        "stem_block_filters": Arg(96, "integer", "Filters of the first (stem) blocks."),
        "skip_reduction": Arg(True, doc="Whether to skip the reduction step at the end of the network."),
        "filter_multiplier": Arg(2, "integer", "How the filters grow from one block to the next."),
        "include_top": _INCLUDE_TOP, "weights": _WEIGHTS_NULL, "input_tensor": _INPUT_TENSOR,
        "pooling": _POOLING, "classes": _CLASSES,
        "default_size": Arg(None, "integer", "The image size the architecture is made for; `NULL`: 331.")},
        returns=_MODEL),
    "imagenet_preprocess_input": _preprocess("imagenet", "Scale images for ImageNet models", data_format=_DATA_FORMAT_IN,
                                             mode=Arg("caffe", doc="`\"caffe\"`, `\"tf\"` or `\"torch\"`.")),
    "densenet_preprocess_input": _preprocess("densenet", "Scale images for DenseNet", data_format=_DATA_FORMAT_IN),
    "inception_resnet_v2_preprocess_input": _preprocess("inception_resnet_v2", "Scale images for Inception-ResNet V2"),
    "inception_v3_preprocess_input": _preprocess("inception_v3", "Scale images for Inception V3"),
    "mobilenet_preprocess_input": _preprocess("mobilenet", "Scale images for MobileNet"),
    "mobilenet_v2_preprocess_input": _preprocess("mobilenet_v2", "Scale images for MobileNet V2"),
    "nasnet_preprocess_input": _preprocess("nasnet", "Scale images for NASNet"),
    "resnet_preprocess_input": _preprocess("resnet", "Scale images for ResNet"),
    "resnet_v2_preprocess_input": _preprocess("resnet_v2", "Scale images for ResNet V2"),
    "xception_preprocess_input": _preprocess("xception", "Scale images for Xception"),
    "mobilenet_load_model_hdf5": _load_hdf5("Load a MobileNet saved in HDF5"),
    "mobilenet_v2_load_model_hdf5": _load_hdf5("Load a MobileNet V2 saved in HDF5"),
}, shared_page="applications", shared_text=(
    "keras R 2.x's image classification architectures, built offline on Keras 3: "
    "`application_resnet50(weights = NULL, include_top = FALSE, input_shape = c(64, 64, 3))` is the "
    "architecture with fresh weights. Pretrained ImageNet weights would be downloaded: `weights = \"imagenet\"` "
    "(keras R's default) stops with an error saying so and what to write instead; a path to a weights file "
    "loads it. `application_densenet()` and `application_nasnet()` build the architecture with any blocks "
    "(keras R 2.15's stopped: Keras 2.15 no longer exported them). The `*_preprocess_input()` functions scale "
    "images as each model's ImageNet weights expect (Keras 3's `preprocess_input`), and "
    "`mobilenet_load_model_hdf5()` loads a MobileNet saved with [save_model_hdf5()]; "
    "[imagenet_decode_predictions()] names the classes of predictions."))
