# Convolution layers.

#' Add a 2D convolution layer
#'
#' @inheritParams layer_flatten
#' @param filters Number of output filters, a whole number.
#' @param kernel_size Height and width of the window, e.g. `c(3, 3)` (or one number).
#' @param strides Steps of the window, e.g. `c(1, 1)`.
#' @param padding `"valid"` (no padding) or `"same"`.
#' @param activation Activation name, e.g. `"relu"`; `NULL` for linear.
#' @param data_format `NULL` (the backend's, see [k_image_data_format()]),
#'   `"channels_last"` or `"channels_first"`.
#' @return The model (if `object` is one), else the layer.
#' @export
layer_conv_2d <- function(object, filters, kernel_size, strides = c(1L, 1L), padding = "valid",
                          activation = NULL, data_format = NULL, input_shape = NULL, name = NULL,
                          ...) {
  pk_layer(object, "Conv2D", list(filters = filters, kernel_size = as_py_shape(kernel_size),
                                  strides = as_py_shape(strides), padding = padding,
                                  activation = activation, data_format = data_format,
                                  input_shape = as_py_shape(input_shape), name = name, ...))
}
