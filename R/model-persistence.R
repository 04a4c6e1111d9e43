# Saving and loading models, weights and architectures; checkpoints during training.

#' Save and load a whole model
#'
#' `save_model()` writes architecture, weights and optimizer state to a `.keras` file
#' (written to a temporary file, then renamed). `load_model()` refuses files that would run
#' code when loaded (e.g. Lambda layers) unless `safe_mode = FALSE`.
#'
#' @param model A Keras model.
#' @param filepath Path of the `.keras` file.
#' @param safe_mode Refuse to run code stored in the file.
#' @return `save_model()`: the path, invisibly; `load_model()`: the model.
#' @export
save_model <- function(model, filepath) {
  invisible(pk_call(pk_python()$save_model, model, path.expand(filepath)))
}

#' @rdname save_model
#' @export
load_model <- function(filepath, safe_mode = TRUE) {
  pk_call(pk_python()$load_model, path.expand(filepath), safe_mode = isTRUE(safe_mode))
}

#' Save and load a model's weights
#'
#' @param object A Keras model.
#' @param filepath Path of the `.weights.h5` file.
#' @return `save_model_weights()`: the path, invisibly; `load_model_weights()`: the model,
#'   invisibly, with the weights loaded in place.
#' @export
save_model_weights <- function(object, filepath) {
  invisible(pk_call(pk_python()$save_weights, object, path.expand(filepath)))
}

#' @rdname save_model_weights
#' @export
load_model_weights <- function(object, filepath) {
  invisible(pk_call(pk_python()$load_weights, object, path.expand(filepath)))
}

#' A model's architecture as JSON, and back
#'
#' @param object A Keras model.
#' @param json A JSON string from `model_to_json()`.
#' @return `model_to_json()`: a character string; `model_from_json()`: a model with fresh
#'   weights.
#' @export
model_to_json <- function(object) {
  pk_call(pk_python()$model_to_json, object)
}

#' @rdname model_to_json
#' @export
model_from_json <- function(json) {
  pk_call(pk_python()$model_from_json, json)
}

#' Save the weights during training
#'
#' A callback for [fit()] that saves the weights every `every` epochs to `filepath`, in
#' which `{epoch:04d}` becomes the epoch number (e.g. `"ckpt/cp-{epoch:04d}.weights.h5"`).
#' [latest_checkpoint()] finds the newest file.
#'
#' @param filepath File name pattern, ending in `.weights.h5`.
#' @param every Save every this many epochs.
#' @return A Keras callback.
#' @export
callback_model_checkpoint <- function(filepath, every = 1) {
  pk_call(pk_python()$checkpoint_callback, path.expand(filepath),
          every = as_py_integer(every))
}

#' The newest checkpoint in a folder
#'
#' @param checkpoint_dir Folder of `.weights.h5` files.
#' @return The path of the most recently written one.
#' @export
latest_checkpoint <- function(checkpoint_dir) {
  pk_call(pk_python()$latest_checkpoint, path.expand(checkpoint_dir))
}
