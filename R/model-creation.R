# Creating models: keras R's keras_model_sequential() (keras_model() is in R/model-functional.R).

#' Create an empty sequential model
#'
#' @param layers Optional list of layers to start with.
#' @param name Optional model name.
#' @param input_shape Optional shape of one input, without the batch axis, e.g. `c(784)` (keras3's
#'   argument): the model is built with it, as with `input_shape` on its first layer.
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
keras_model_sequential <- function(layers = NULL, name = NULL, input_shape = NULL) {
  pk_call(pk_python()$sequential, layers = as_py_list(layers), name = name,
          input_shape = as_py_shape(input_shape))
}

#' Create a custom model written in R (keras R 2.x)
#'
#' keras R 2.x's subclassed model: `model_fn(self)` runs once, makes the model's layers and keeps
#' them on `self` (`self$dense1 <- layer_dense(units = 32)`), and returns the model's call,
#' `function(inputs, mask = NULL)`, which applies them (`self$dense1(inputs)`). The model has no
#' declared input shape: [fit()], [predict()] or [train_on_batch()] build it on their data.
#'
#' @param model_fn A function of `self` returning the call function, as above.
#' @param name Optional model name.
#' @return A Keras model (a subclass of `keras.Model` whose call is the R function).
#' @examples
#' \dontrun{
#' model <- keras_model_custom(name = "mlp", function(self) {
#'   self$dense1 <- layer_dense(units = 32, activation = "relu")
#'   self$dense2 <- layer_dense(units = 10, activation = "softmax")
#'   function(inputs, mask = NULL) self$dense2(self$dense1(inputs))
#' })
#' }
#' @export
keras_model_custom <- function(model_fn, name = NULL) {
  pk_call(pk_bridge()$r_model, model_fn, name = name)
}
