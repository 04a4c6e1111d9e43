# keras R 2.x's metric and loss functions written in R, or called on tensors: custom_metric(), and
# the cosine proximity keras R 2.x kept under its TensorFlow 1 name (Keras' cosine_similarity()).

#' A metric written as an R function
#'
#' keras R 2.x's `custom_metric()`: `metric_fn(y_true, y_pred)`, written with the `k_*` functions
#' on tensors, becomes a metric for [compile()]'s `metrics`, its per-batch mean logged under
#' `name` in the history and by [evaluate()] (`val_` + `name` for validation data).
#'
#' @param name The metric's name in the history, e.g. `"mean_pred"`.
#' @param metric_fn An R function `function(y_true, y_pred)` of tensors.
#' @return A Python function, for `compile(metrics = list(...))`.
#' @examples
#' \dontrun{
#' metric_mean_pred <- custom_metric("mean_pred", function(y_true, y_pred) k_mean(y_pred))
#' model %>% compile(optimizer = "adam", loss = "mse", metrics = list(metric_mean_pred))
#' }
#' @export
custom_metric <- function(name, metric_fn) {
  if (!is.character(name) || length(name) != 1L || !nzchar(name) || !is.function(metric_fn)) {
    pk_stop_input("custom_metric(name, metric_fn) takes a name such as \"mean_pred\" and an R function ",
                  "function(y_true, y_pred); got ", paste(class(name), collapse = "/"), " and ",
                  paste(class(metric_fn), collapse = "/"), ".")
  }
  pk_python()
  fn <- reticulate::py_func(metric_fn)
  reticulate::py_set_attr(fn, "__name__", name)
  fn
}

#' Cosine proximity (keras R 2.x's deprecated names of cosine similarity)
#'
#' keras R 2.x kept TensorFlow 1's name `cosine_proximity` for Keras' `cosine_similarity()`,
#' `-sum(l2_normalize(y_true) * l2_normalize(y_pred))` along the last axis: -1 for predictions
#' pointing as the labels do, 1 for opposite ones, one value per sample. As in keras R 2.15,
#' both warn that they are deprecated. `metric_cosine_proximity(y_true, y_pred)` gives the
#' values; given uncalled to [compile()]'s `metrics`, it is logged as `cosine_proximity`.
#' `loss_cosine_proximity(...)` is [loss_cosine_similarity()]: the values for `y_true` and
#' `y_pred`, else the loss object.
#'
#' @param y_true,y_pred Tensors (or arrays) of labels and predictions, of one shape.
#' @param ... `y_true` and `y_pred` (the values), or [loss_cosine_similarity()]'s arguments (the
#'   loss object).
#' @return The values, a tensor of one per sample; or, uncalled or without `y_true` and
#'   `y_pred`, the metric (a Python function) or the loss object.
#' @export
metric_cosine_proximity <- function(y_true, y_pred) {
  warning("metric_cosine_proximity() is deprecated (as in keras R 2.15): use metric_cosine_similarity() ",
          "(a metric object) or loss_cosine_similarity() (the values).", call. = FALSE)
  if (missing(y_true) && missing(y_pred)) {
    return(custom_metric("cosine_proximity", function(y_true, y_pred) pk_cosine_similarity(y_true, y_pred)))
  }
  pk_cosine_similarity(y_true, y_pred)
}
attr(metric_cosine_proximity, "py_function_name") <- "cosine_proximity"

#' @rdname metric_cosine_proximity
#' @export
loss_cosine_proximity <- function(...) {
  warning("loss_cosine_proximity() is deprecated (as in keras R 2.15): use loss_cosine_similarity().",
          call. = FALSE)
  args <- list(...)
  given <- names(args) %||% rep("", length(args))
  values <- c("y_true", "y_pred")
  if (all(values %in% given)) return(do.call(pk_cosine_similarity, args))
  if (length(args) >= 2L && !any(nzchar(given[1:2]))) {
    return(do.call(pk_cosine_similarity, c(list(y_true = args[[1L]], y_pred = args[[2L]]), args[-(1:2)])))
  }
  loss_cosine_similarity(...)
}
attr(loss_cosine_proximity, "py_function_name") <- "cosine_proximity"

# Keras' cosine_similarity() of labels and predictions: one value per sample.
pk_cosine_similarity <- function(y_true, y_pred, axis = -1) {
  pk_call(keras$losses$cosine_similarity, y_true, y_pred, axis = as_py_integer(axis))
}
