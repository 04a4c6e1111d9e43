# Creating models: keras R's keras_model_sequential().

#' Create an empty sequential model
#'
#' @param layers Optional list of layers to start with.
#' @param name Optional model name.
#' @return A Keras `Sequential` model (a reticulate reference to the Python object, changed
#'   in place by the `layer_*()` verbs and [compile()], so pipes work).
#' @examples
#' \dontrun{
#' model <- keras_model_sequential() %>%
#'   layer_flatten(input_shape = c(28, 28)) %>%
#'   layer_dense(units = 128, activation = "relu") %>%
#'   layer_dense(units = 10, activation = "softmax")
#' }
#' @export
keras_model_sequential <- function(layers = NULL, name = NULL) {
  pk_call(pk_python()$sequential, layers = as_py_list(layers), name = name)
}
