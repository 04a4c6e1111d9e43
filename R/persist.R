# Saving and loading models, checkpoints, and predicting digits from image files.

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
  invisible(pk_call(pk_module("api")$save_model, model, path.expand(filepath)))
}

#' @rdname save_model
#' @export
load_model <- function(filepath, safe_mode = TRUE) {
  pk_call(pk_module("api")$load_model, path.expand(filepath), safe_mode = isTRUE(safe_mode))
}

#' Save and load a model's weights
#'
#' @param object A Keras model.
#' @param filepath Path of the `.weights.h5` file.
#' @return `save_model_weights()`: the path, invisibly; `load_model_weights()`: the model,
#'   invisibly, with the weights loaded in place.
#' @export
save_model_weights <- function(object, filepath) {
  invisible(pk_call(pk_module("api")$save_weights, object, path.expand(filepath)))
}

#' @rdname save_model_weights
#' @export
load_model_weights <- function(object, filepath) {
  invisible(pk_call(pk_module("api")$load_weights, object, path.expand(filepath)))
}

#' A model's architecture as JSON, and back
#'
#' @param object A Keras model.
#' @param json A JSON string from `model_to_json()`.
#' @return `model_to_json()`: a character string; `model_from_json()`: a model with fresh
#'   weights.
#' @export
model_to_json <- function(object) {
  pk_call(pk_module("api")$model_to_json, object)
}

#' @rdname model_to_json
#' @export
model_from_json <- function(json) {
  pk_call(pk_module("api")$model_from_json, json)
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
  pk_call(pk_module("api")$checkpoint_callback, path.expand(filepath),
          every = as_py_integer(every))
}

#' The newest checkpoint in a folder
#'
#' @param checkpoint_dir Folder of `.weights.h5` files.
#' @return The path of the most recently written one.
#' @export
latest_checkpoint <- function(checkpoint_dir) {
  pk_call(pk_module("api")$latest_checkpoint, path.expand(checkpoint_dir))
}

#' Predict the digit in an image file
#'
#' The image is read as grayscale (a colour image is converted), resized to 28 x 28 if it is
#' another size, scaled to [0, 1] and inverted (`1 - img`: dark ink on white becomes MNIST's
#' white on black), then shaped to the model's input.
#'
#' @param model A trained digit classifier.
#' @param path A PNG (or other image) file.
#' @param invert Invert the grey levels (the lesson's `1 - img`).
#' @return A list: `probabilities` (numeric, one per class) and `digit` (integer 0-9).
#' @export
pk_predict_image <- function(model, path, invert = TRUE) {
  result <- pk_call(pk_module("images")$predict_image, model, path.expand(path),
                    invert = isTRUE(invert))
  list(probabilities = as.vector(result$probabilities), digit = as.integer(result$digit))
}

#' The PNG digits shipped with pykeras_r
#'
#' `digit-<label>.png` files, 28 x 28, dark ink on white, made from MNIST test images, for
#' the mnist-cnn-tf2 lesson's prediction from image files.
#'
#' @return A character vector of file paths.
#' @export
pk_digit_pngs <- function() {
  unlist(pk_module("images")$digit_pngs())
}

#' Plot a training history
#'
#' One panel per metric (loss, accuracy, ...), training and validation values per epoch,
#' drawn with base R graphics.
#'
#' @param x A `keras_training_history` from [fit()].
#' @param y Unused.
#' @param ... Passed to [graphics::plot()].
#' @return `x`, invisibly.
#' @export
plot.keras_training_history <- function(x, y, ...) {
  metrics <- x$metrics
  base <- names(metrics)[!startsWith(names(metrics), "val_")]
  old <- graphics::par(mfrow = c(length(base), 1L), mar = c(4, 4, 1, 1))
  on.exit(graphics::par(old))
  for (name in base) {
    train <- unlist(metrics[[name]])
    val <- unlist(metrics[[paste0("val_", name)]])
    epochs <- seq_along(train)
    graphics::plot(epochs, train, type = "b", pch = 19, col = "#1f77b4", xlab = "epoch",
                   ylab = name, ylim = range(c(train, val), na.rm = TRUE), xaxt = "n", ...)
    graphics::axis(1, at = epochs)  # whole epochs
    if (!is.null(val)) {
      graphics::lines(seq_along(val), val, type = "b", pch = 17, col = "#ff7f0e")
      # rising curves (accuracy) leave the bottom free, falling ones (loss) the top
      corner <- if (utils::tail(train, 1) >= train[1]) "bottomright" else "topright"
      graphics::legend(corner, legend = c("training", "validation"),
                       col = c("#1f77b4", "#ff7f0e"), pch = c(19, 17), bty = "n")
    }
  }
  invisible(x)
}
