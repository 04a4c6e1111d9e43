"""Preprocessing and augmentation layers: the table of their R verbs (see pykeras_r/verbs/spec.py)."""

from __future__ import annotations

from .spec import Arg, Verb, Family, _LAYER_SEED

_FILL_MODE = Arg("reflect", doc="How points outside the image are filled: `\"reflect\"`, `\"wrap\"`, "
                                "`\"constant\"` or `\"nearest\"`.")
_INTERPOLATION = Arg("bilinear", doc="`\"bilinear\"` or `\"nearest\"`.")
_FILL_VALUE = Arg(0, "number", "The value outside the image with `fill_mode = \"constant\"`.")
_HEIGHT = Arg(convert="integer", doc="Output height in pixels, a whole number.")
_WIDTH = Arg(convert="integer", doc="Output width in pixels, a whole number.")

# keras R 2.15's layer_random_height()/layer_random_width() have no Keras 3 layer: they are missing.
LAYERS_PREPROCESSING = Family("layers-preprocessing", "layer", "Preprocessing and augmentation layers", {
    "layer_rescaling": Verb("Rescaling", "Multiply the inputs by `scale` and add `offset`", {
        "scale": Arg(convert="number", doc="The factor, e.g. `1/255` for 0-255 pixels."),
        "offset": Arg(0, "number", "The value added after scaling.")}),
    "layer_resizing": Verb("Resizing", "Resize images to `height` x `width`", {
        "height": _HEIGHT, "width": _WIDTH, "interpolation": _INTERPOLATION,
        "crop_to_aspect_ratio": Arg(False, doc="Whether to crop to the output's aspect ratio rather than distort.")}),
    "layer_center_crop": Verb("CenterCrop", "Crop the centre of images to `height` x `width`", {
        "height": _HEIGHT, "width": _WIDTH}),
    "layer_random_crop": Verb("RandomCrop", "Crop images at a random place during training (the centre otherwise)", {
        "height": _HEIGHT, "width": _WIDTH, "seed": _LAYER_SEED}),
    "layer_random_flip": Verb("RandomFlip", "Flip images at random during training", {
        "mode": Arg("horizontal_and_vertical", doc="`\"horizontal\"`, `\"vertical\"` or "
                                                   "`\"horizontal_and_vertical\"`."),
        "seed": _LAYER_SEED}),
    "layer_random_translation": Verb("RandomTranslation", "Shift images at random during training", {
        "height_factor": Arg(doc="Fraction of the height to shift by: one number `f` (from `-f` to `f`) or a range."),
        "width_factor": Arg(doc="Fraction of the width, as `height_factor`."), "fill_mode": _FILL_MODE,
        "interpolation": _INTERPOLATION, "seed": _LAYER_SEED, "fill_value": _FILL_VALUE}),
    "layer_random_rotation": Verb("RandomRotation", "Rotate images at random during training", {
        "factor": Arg(doc="Fraction of a full turn: one number `f` (from `-f` to `f`) or a range, "
                          "e.g. `0.1` for up to 36 degrees either way."),
        "fill_mode": _FILL_MODE, "interpolation": _INTERPOLATION, "seed": _LAYER_SEED, "fill_value": _FILL_VALUE}),
    "layer_random_zoom": Verb("RandomZoom", "Zoom images at random during training", {
        "height_factor": Arg(doc=""),
        "width_factor": Arg(None, doc="Optional fraction of the width; `NULL` zooms both axes alike."),
        "fill_mode": _FILL_MODE, "interpolation": _INTERPOLATION, "seed": _LAYER_SEED, "fill_value": _FILL_VALUE}),
    "layer_random_contrast": Verb("RandomContrast", "Change the contrast of images at random during training", {
        "factor": Arg(doc=""), "seed": _LAYER_SEED}),
    "layer_random_brightness": Verb("RandomBrightness", "Change the brightness of images at random during training", {
        "factor": Arg(doc=""), "value_range": Arg((0, 255), doc="The range of the pixel values, e.g. `c(0, 1)`."),
        "seed": _LAYER_SEED}),
})
