# keras R 2.x's ImageNet decoders: the top classes of an ImageNet model's predictions, as data
# frames. The class names come from Keras' ImageNet class index (pykeras_r.applications.decode_predictions).

#' The top ImageNet classes of predictions
#'
#' Names the `top` most probable of ImageNet's 1000 classes for each row of `preds`, from Keras'
#' ImageNet class index `imagenet_class_index.json`, found in Keras' folder
#' (`$KERAS_HOME/models`, else `~/.keras/models`) and checked against the MD5 Keras pins, else
#' downloaded there once. Without internet and without the file, it stops saying where to put it.
#' `mobilenet_decode_predictions()` and `mobilenet_v2_decode_predictions()` are the same function.
#'
#' @param preds Predictions of an ImageNet model: a matrix `c(n, 1000)` (or a tensor).
#' @param top How many classes to give per row.
#' @return A list of `n` data frames, one per row of `preds`, with columns `class_name` (WordNet
#'   ids such as `"n02123045"`), `class_description` (such as `"tabby"`) and `score`, best first.
#' @export
imagenet_decode_predictions <- function(preds, top = 5) {
  pk_decode_predictions(preds, top)
}

#' @rdname imagenet_decode_predictions
#' @export
mobilenet_decode_predictions <- function(preds, top = 5) {
  pk_decode_predictions(preds, top)
}

#' @rdname imagenet_decode_predictions
#' @export
mobilenet_v2_decode_predictions <- function(preds, top = 5) {
  pk_decode_predictions(preds, top)
}

# `file_hash` replaces the class index's pinned MD5 (tests on a small index in Keras' format).
pk_decode_predictions <- function(preds, top, file_hash = NULL) {
  decoded <- pk_call(pk_bridge()$decode_predictions, preds, top = as_py_integer(top), file_hash = file_hash)
  lapply(decoded, function(d) {
    data.frame(class_name = as.character(unlist(d$class_name)),
               class_description = as.character(unlist(d$class_description)),
               score = as.numeric(unlist(d$score)), stringsAsFactors = FALSE)
  })
}
