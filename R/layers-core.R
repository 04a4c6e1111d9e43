# Core layers.

# Add a layer of a Keras class to `object` (a model, changed in place and returned) or,
# without a model, return the layer.
pk_layer <- function(object, kind, args) {
  model <- if (missing(object)) NULL else object
  args <- as_py_kwargs(Filter(Negate(is.null), args))
  do.call(pk_call, c(list(pk_module("api")$add_layer, model, kind), args))
}

#' Flatten the input to a vector
#'
#' @param object A sequential model to add the layer to (in place), or missing to get the
#'   layer alone.
#' @param input_shape Shape of one input, without the batch axis, on the first layer only,
#'   e.g. `c(28, 28)`.
#' @param name Optional layer name.
#' @param ... Further arguments of the Keras layer, passed unchanged.
#' @return The model (if `object` is one), else the layer.
#' @export
layer_flatten <- function(object, input_shape = NULL, name = NULL, ...) {
  pk_layer(object, "Flatten", list(input_shape = as_py_shape(input_shape), name = name, ...))
}

#' Add a densely connected layer
#'
#' @inheritParams layer_flatten
#' @param units Number of output units, a whole number.
#' @param activation Activation name such as `"relu"` or `"softmax"`; `NULL` for linear.
#' @param use_bias Whether the layer has a bias vector.
#' @return The model (if `object` is one), else the layer.
#' @export
layer_dense <- function(object, units, activation = NULL, use_bias = TRUE, input_shape = NULL,
                        name = NULL, ...) {
  pk_layer(object, "Dense", list(units = units, activation = activation, use_bias = use_bias,
                                 input_shape = as_py_shape(input_shape), name = name, ...))
}

#' Add a dropout layer
#'
#' @inheritParams layer_flatten
#' @param rate Fraction of the inputs to drop during training, in [0, 1).
#' @return The model (if `object` is one), else the layer.
#' @export
layer_dropout <- function(object, rate, input_shape = NULL, name = NULL, ...) {
  pk_layer(object, "Dropout", list(rate = as.numeric(rate), input_shape = as_py_shape(input_shape),
                                   name = name, ...))
}

#' Add an activation layer
#'
#' @inheritParams layer_flatten
#' @param activation Activation name, e.g. `"relu"` or `"softmax"`.
#' @return The model (if `object` is one), else the layer.
#' @export
layer_activation <- function(object, activation, input_shape = NULL, name = NULL, ...) {
  pk_layer(object, "Activation", list(activation = activation,
                                      input_shape = as_py_shape(input_shape), name = name, ...))
}
