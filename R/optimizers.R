# Optimizers and losses as objects. Defaults follow the keras R version the course was
# written for where they changed since: optimizer_adadelta()'s learning rate was 1.0 (Keras 3:
# 0.001, with which the convnet lesson reaches 0.52 instead of 0.89 after 2 epochs).

pk_optimizer <- function(name, args) {
  do.call(pk_call, c(list(pk_module("api")$make_optimizer, name), args))
}

#' Optimizers
#'
#' Keras optimizers for [compile()]. The defaults are those of the keras R package the course
#' was written for: notably `optimizer_adadelta(learning_rate = 1.0)` (Keras 3's own default
#' is 0.001, far too slow for the course's convnet).
#'
#' @param learning_rate Learning rate.
#' @param rho,epsilon Adadelta's decay rate and fuzz factor.
#' @param beta_1,beta_2 Adam's decay rates.
#' @param momentum,nesterov SGD's momentum and whether it is Nesterov momentum.
#' @param ... Further options of the Keras optimizer, e.g. `clipnorm`.
#' @return A Keras optimizer object.
#' @name optimizers
NULL

#' @rdname optimizers
#' @export
optimizer_adadelta <- function(learning_rate = 1.0, rho = 0.95, epsilon = 1e-7, ...) {
  pk_optimizer("adadelta", list(learning_rate = learning_rate, rho = rho, epsilon = epsilon, ...))
}

#' @rdname optimizers
#' @export
optimizer_adam <- function(learning_rate = 0.001, beta_1 = 0.9, beta_2 = 0.999, epsilon = 1e-7,
                           ...) {
  pk_optimizer("adam", list(learning_rate = learning_rate, beta_1 = beta_1, beta_2 = beta_2,
                            epsilon = epsilon, ...))
}

#' @rdname optimizers
#' @export
optimizer_sgd <- function(learning_rate = 0.01, momentum = 0, nesterov = FALSE, ...) {
  pk_optimizer("sgd", list(learning_rate = learning_rate, momentum = momentum,
                           nesterov = nesterov, ...))
}

#' @rdname optimizers
#' @export
optimizer_rmsprop <- function(learning_rate = 0.001, rho = 0.9, epsilon = 1e-7, ...) {
  pk_optimizer("rmsprop", list(learning_rate = learning_rate, rho = rho, epsilon = epsilon, ...))
}

#' Categorical cross-entropy loss
#'
#' For one-hot labels ([to_categorical()]); the string `"categorical_crossentropy"` in
#' [compile()] is the same loss with default options.
#'
#' @param from_logits Whether predictions are logits rather than probabilities.
#' @param label_smoothing Amount of label smoothing, in [0, 1].
#' @param ... Further options of the Keras loss.
#' @return A Keras loss object.
#' @export
loss_categorical_crossentropy <- function(from_logits = FALSE, label_smoothing = 0, ...) {
  pk_call(pk_module("api")$make_loss, "categorical_crossentropy", from_logits = from_logits,
          label_smoothing = label_smoothing, ...)
}

#' One-hot encode class labels
#'
#' @param y Integer labels 0 to `num_classes - 1`.
#' @param num_classes Number of classes; `NULL` means `max(y) + 1`.
#' @return A numeric matrix, one row per label, with a 1 in column `y + 1`.
#' @export
to_categorical <- function(y, num_classes = NULL) {
  pk_call(pk_module("prepare")$to_categorical, y, num_classes = as_py_integer(num_classes))
}

#' Reshape an array in row-major order, as NumPy and Keras do
#'
#' `dim<-` in R fills column by column; Keras code written for Python reshapes row by row.
#' `array_reshape(x, c(n, 28, 28, 1))` keeps `x[i, r, c]` at `[i, r, c, 1]`.
#'
#' @param x An array.
#' @param dim The new dimensions; one may be `-1`.
#' @param order `"C"` (row-major, the default) or `"F"` (column-major).
#' @return The reshaped array.
#' @export
array_reshape <- function(x, dim, order = c("C", "F")) {
  order <- match.arg(order)
  pk_call(pk_module("prepare")$reshape, x, as_py_shape(dim), order = order)
}

#' The backend's image data format
#'
#' @return `"channels_last"` (the default) or `"channels_first"`.
#' @export
k_image_data_format <- function() {
  pk_call(pk_module("api")$image_data_format)
}
