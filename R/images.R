# The lessons' digits as image files, and predicting the digit in an image file.

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
  result <- pk_call(pk_python()$predict_image, model, path.expand(path),
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
  unlist(pk_python()$digit_pngs())
}
