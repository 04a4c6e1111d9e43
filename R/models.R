#' The canonical model of a lesson
#'
#' Calls `pykeras_r.build_model()`: the same model, layer for layer, that the Python lesson
#' builds, compiled with the lesson's settings.
#'
#' @param name A model name from [pk_list_models()], e.g. `"fashion_mlp"`.
#' @param ... Overrides: `optimizer`, `learning_rate`, `loss`, `metrics`, `compile = FALSE`,
#'   or the model's hyperparameters (e.g. `hidden_units = 64`). `fast = TRUE` is the opt-in
#'   fast path: 64 batches per call into the backend, bitwise the same training (a no-op on
#'   Keras' PyTorch backend, which runs one batch per call).
#' @return A Keras `Sequential` model.
#' @export
pk_model <- function(name, ...) {
  args <- as_py_kwargs(list(...))
  if (!is.null(args$metrics)) args$metrics <- as_py_list(args$metrics)
  do.call(pk_call, c(list(pk_python()$build_model, name), args))
}

#' Names of the lesson models
#'
#' @return A character vector of the names [pk_model()] accepts.
#' @export
pk_list_models <- function() {
  unlist(pk_python()$list_models())
}
