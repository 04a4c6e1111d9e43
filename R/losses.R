# Losses as objects.

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
