# keras R 2.x's verbs on a model's layers, weights and config, and its batch-level training;
# each calls one function of the public API (or one Keras method, where keras R did just that).

#' A model's configuration, and a new model from it
#'
#' `get_config()` gives the architecture (no weights) as a named list; `from_config()` builds a
#' new model, with fresh weights, from it, as keras R 2.x did. The list keeps the model's class
#' in its attribute `config_class`.
#'
#' @param object A Keras model or layer.
#' @param config A configuration from `get_config()`.
#' @param custom_objects Optional named list of custom layers or functions the model uses.
#' @return `get_config()`: a named list; `from_config()`: a model (or layer).
#' @export
get_config <- function(object) {
  result <- pk_call(pk_python()$model_config, object)
  structure(result$config, config_class = result$class)
}

#' @rdname get_config
#' @export
from_config <- function(config, custom_objects = NULL) {
  cls <- attr(config, "config_class")
  attr(config, "config_class") <- NULL
  pk_call(pk_python()$model_from_config, config, cls, custom_objects = custom_objects)
}

#' A model's weights as R arrays, and back
#'
#' @param object A Keras model or layer.
#' @param weights A list of arrays as `get_weights()` gives, one per weight of the model, in
#'   order (kernels, biases...).
#' @param trainable `NA` (all weights), `TRUE` (trainable ones only) or `FALSE` (the others).
#' @return `get_weights()`: a list of numeric arrays; `set_weights()`: the model, invisibly,
#'   changed in place.
#' @export
get_weights <- function(object, trainable = NA) {
  if (is.na(trainable)) return(object$get_weights())
  weights <- if (isTRUE(trainable)) object$trainable_weights else object$non_trainable_weights
  lapply(weights, function(w) w$numpy())
}

#' @rdname get_weights
#' @export
set_weights <- function(object, weights) {
  object$set_weights(weights)
  invisible(object)
}

#' The number of weights (parameters) of a model or layer
#'
#' @param object A built Keras model or layer.
#' @return A whole number.
#' @export
count_params <- function(object) {
  object$count_params()
}

#' A layer of a model, by name or position
#'
#' @param object A Keras model.
#' @param name The layer's name.
#' @param index The layer's position, 1-based as in keras R (`-1` is the last layer).
#' @return The layer.
#' @export
get_layer <- function(object, name = NULL, index = NULL) {
  pk_call(pk_python()$get_layer, object, name = name, index = as_py_integer(index),
          one_based = TRUE)
}

#' Freeze and unfreeze weights
#'
#' `freeze_weights()` makes the model's weights (or those of the layers `from` to `to`)
#' untrainable; `unfreeze_weights()` trainable again. Compile the model afterwards for the change
#' to take effect, as in keras R.
#'
#' @param object A Keras model.
#' @param from,to The first and last layer of the range (both included): names, layers, or
#'   1-based positions (negative ones count from the end); `NULL` for the first and the last.
#' @return The model, invisibly, changed in place.
#' @export
freeze_weights <- function(object, from = NULL, to = NULL) {
  invisible(pk_call(pk_python()$set_trainable, object, FALSE, as_py_integer(from),
                    as_py_integer(to), one_based = TRUE))
}

#' @rdname freeze_weights
#' @export
unfreeze_weights <- function(object, from = NULL, to = NULL) {
  invisible(pk_call(pk_python()$set_trainable, object, TRUE, as_py_integer(from),
                    as_py_integer(to), one_based = TRUE))
}

#' Train, test and predict on one batch
#'
#' @param object A Keras model (compiled, for training and testing).
#' @param x A batch of inputs, as for [fit()].
#' @param y Its labels, as for [fit()].
#' @param class_weight,sample_weight Unused; for compatibility with keras R calls.
#' @return `train_on_batch()` and `test_on_batch()`: the loss, or a list of the loss and the
#'   metrics for a model compiled with metrics; `predict_on_batch()`: a numeric matrix, one row
#'   per sample.
#' @export
train_on_batch <- function(object, x, y, class_weight = NULL, sample_weight = NULL) {
  pk_call(pk_python()$train_on_batch, object, x, y)
}

#' @rdname train_on_batch
#' @export
test_on_batch <- function(object, x, y, sample_weight = NULL) {
  pk_call(pk_python()$test_on_batch, object, x, y)
}

#' @rdname train_on_batch
#' @export
predict_on_batch <- function(object, x) {
  pk_call(pk_python()$predict_on_batch, object, x)
}

#' Class probabilities (deprecated in keras R 2.x)
#'
#' keras R 2.x's `predict_proba()`, removed from TensorFlow in version 2.6: [predict()], with
#' keras R 2.15's deprecation warning.
#'
#' @inheritParams predict.keras.src.models.model.Model
#' @param steps Unused.
#' @return As [predict()].
#' @export
predict_proba <- function(object, x, batch_size = NULL, verbose = 0, steps = NULL) {
  warning("`predict_proba()` is deprecated and was removed from tensorflow in version 2.6, ",
          "please use `predict()` instead", call. = FALSE)
  predict(object, x, batch_size = batch_size, verbose = verbose)
}

# A history's metrics by Keras' names, without keras R 2.x's old names given beside them (`lr`).
pk_history_metrics <- function(history) {
  history$metrics[setdiff(names(history$metrics), attr(history, "aliases"))]
}

# The 1-based numbers of the epochs a history holds: from initial_epoch + 1 when fit() resumed.
history_epochs <- function(history) {
  epochs <- unlist(history$epoch)
  if (length(epochs) == length(history$metrics[[1L]])) as.integer(epochs) else seq_along(history$metrics[[1L]])
}

#' A training history as a data frame
#'
#' keras R 2.x's long format: one row per epoch and metric, with columns `epoch`, `value`,
#' `metric` (a factor: `loss`, `accuracy`...) and `data` (a factor: `training` or
#' `validation`). `epoch` counts from `initial_epoch + 1` when [fit()] resumed training.
#'
#' @param x A `keras_training_history` from [fit()].
#' @param row.names,optional Unused.
#' @param ... Unused.
#' @return A data frame.
#' @export
as.data.frame.keras_training_history <- function(x, row.names = NULL, optional = FALSE, ...) {
  metrics <- pk_history_metrics(x)
  epochs <- length(metrics[[1L]])
  base <- sub("^val_", "", names(metrics))
  df <- data.frame(
    epoch = rep(history_epochs(x), times = length(metrics)),
    value = as.numeric(unlist(metrics, use.names = FALSE)),
    metric = factor(rep(base, each = epochs), unique(base)),
    data = factor(rep(ifelse(startsWith(names(metrics), "val_"), "validation", "training"), each = epochs),
                  c("training", "validation"))
  )
  rownames(df) <- NULL
  df
}

#' Inputs and outputs of a sequential model
#'
#' `model$input` and `model$output` as keras R gave them, also for a sequential model made
#' with `input_shape` (which Keras 3 gives only as `model$inputs`): one tensor, or a list of
#' them. So the usual model of activations works:
#' `keras_model(inputs = model$input, outputs = lapply(model$layers[1:4], function(l) l$output))`.
#' Every other `$` is the Python attribute, as for any Keras object.
#'
#' @param x A sequential model.
#' @param name The attribute.
#' @return The attribute's value.
#' @keywords internal
#' @export
`$.keras.src.models.sequential.Sequential` <- function(x, name) {
  if (name %in% c("input", "output")) return(pk_call(pk_bridge()$model_io, x, name))
  NextMethod()
}
