# Pooling layers.

#' Add a 2D max-pooling layer
#'
#' @inheritParams layer_conv_2d
#' @param pool_size Size of the pooling window, e.g. `c(2, 2)`.
#' @param strides Steps of the window; `NULL` means `pool_size`.
#' @return The model (if `object` is one), else the layer.
#' @export
layer_max_pooling_2d <- function(object, pool_size = c(2L, 2L), strides = NULL, padding = "valid",
                                 data_format = NULL, input_shape = NULL, name = NULL, ...) {
  pk_layer(object, "MaxPooling2D", list(pool_size = as_py_shape(pool_size),
                                        strides = as_py_shape(strides), padding = padding,
                                        data_format = data_format,
                                        input_shape = as_py_shape(input_shape), name = name, ...))
}
