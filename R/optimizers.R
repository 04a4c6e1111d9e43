# Optimizers. Defaults follow the keras R version the course was written for where they
# changed since: optimizer_adadelta()'s learning rate was 1.0 (Keras 3: 0.001, with which the
# convnet lesson reaches 0.52 instead of 0.89 after 2 epochs).

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
