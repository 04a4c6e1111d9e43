"""Image files and arrays (image_load, image_to_array...): the table of their R verbs (see pykeras_r/verbs/spec.py)."""

from __future__ import annotations

from .spec import Arg, Verb, Family

_IMG = Arg(doc="An image: from [image_load()], or an array of shape `c(height, width, channels)`.")
_FORMAT = Arg(("channels_last", "channels_first"), "choice", "`\"channels_last\"` (the default) or "
                                                           "`\"channels_first\"`.")

IMAGES = Family("image-files", "function", "Image files and arrays", {
    "image_load": Verb("pykeras_r.image_utils.load_image", "Load an image file (PNG, JPEG...)", {
        "path": Arg(convert="path", doc="The image file."),
        "grayscale": Arg(False, doc="keras R 2.x's old spelling of `color_mode = \"grayscale\"`."),
        "color_mode": Arg("rgb", doc="`\"rgb\"`, `\"rgba\"` or `\"grayscale\"`."),
        "target_size": Arg(None, doc="Optional `c(height, width)` to resize to."),
        "interpolation": Arg("nearest", doc="How to resize: `\"nearest\"`, `\"bilinear\"`, `\"bicubic\"`...")},
        returns="A PIL image, for [image_to_array()]."),
    "image_to_array": Verb("keras.utils.img_to_array", "An image as an array", {"img": _IMG, "data_format": _FORMAT},
                           returns="An array of shape `c(height, width, channels)` (channels last), values 0-255."),
    "image_array_resize": Verb("pykeras_r.image_utils.resize_array", "Resize an image array", {
        "img": _IMG, "height": Arg(convert="integer", doc="The new height."),
        "width": Arg(convert="integer", doc="The new width."), "data_format": _FORMAT},
        returns="The resized array (linear interpolation, as keras R's)."),
    "image_array_save": Verb("keras.utils.save_img", "Save an image array to a file", {
        "img": Arg(doc="An image array, `c(height, width, channels)`.", keras="x"),
        "path": Arg(convert="path", doc="The file; its ending (`.png`, `.jpg`) picks the format."),
        "data_format": Arg(None, doc="`NULL` (channels last), `\"channels_last\"` or `\"channels_first\"`."),
        "file_format": Arg(None, doc="Optional format, e.g. `\"png\"`, overriding the file's ending."),
        "scale": Arg(True, doc="Whether to scale the values to 0-255 first.")}, returns="`NULL`, invisibly."),
}, dots=False)
