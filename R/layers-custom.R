# Custom layers written in R the keras R 2.x way: an R6 class inheriting KerasLayer, made a
# layer by create_layer(). The Python layer (pykeras_r.tensors.RLayer) calls the R6 object's
# build(), call() and compute_output_shape().

#' Base R6 class of custom layers written in R (keras R 2.x)
#'
#' A custom layer is an [R6::R6Class()] inheriting `KerasLayer`, with the methods
#' \describe{
#'   \item{`build(input_shape)`}{makes the layer's weights with `self$add_weight()`; `input_shape`
#'     is a list, `NULL` for the batch axis, e.g. `list(NULL, 784L)`.}
#'   \item{`call(x, mask = NULL)`}{the layer's output for the input tensor `x`, written with the
#'     `k_*` functions and R's arithmetic on tensors.}
#'   \item{`compute_output_shape(input_shape)`}{the output shape as a list, from the input shape
#'     (the default: unchanged).}
#' }
#' and [create_layer()] makes a layer of it. `self$add_weight(name, shape, dtype = NULL,
#' initializer = NULL, regularizer = NULL, trainable = TRUE, constraint = NULL)` adds a weight
#' (`shape`, e.g. `list(input_shape[[2]], 10L)`; `initializer`, e.g. `"glorot_uniform"`) and
#' returns it; `self$add_loss(losses)` adds a loss term; `self$python_layer()` is the Keras layer.
#'
#' @format An [R6::R6Class()] generator.
#' @examples
#' \dontrun{
#' Antirectifier <- R6::R6Class("KerasLayer", inherit = KerasLayer, public = list(
#'   call = function(x, mask = NULL) {
#'     x <- x - k_mean(x, axis = 2, keepdims = TRUE)
#'     k_concatenate(c(k_relu(x), k_relu(-x)), axis = 2)
#'   },
#'   compute_output_shape = function(input_shape) {
#'     input_shape[[2]] <- input_shape[[2]] * 2L
#'     input_shape
#'   }))
#' model <- keras_model_sequential() %>%
#'   layer_dense(units = 8, input_shape = 4) %>%
#'   create_layer(Antirectifier, .)
#' }
#' @importFrom R6 R6Class
#' @export
KerasLayer <- R6::R6Class("KerasLayer",
  public = list(
    build = function(input_shape) invisible(NULL),
    call = function(inputs, mask = NULL) {
      stop("a custom layer (KerasLayer) must have a call() method", call. = FALSE)
    },
    compute_output_shape = function(input_shape) input_shape,
    add_weight = function(name, shape, dtype = NULL, initializer = NULL, regularizer = NULL,
                          trainable = TRUE, constraint = NULL) {
      pk_call(private$wrapper$add_weight, name = name, shape = as_py_shape(shape), dtype = dtype,
              initializer = initializer, regularizer = regularizer, trainable = trainable,
              constraint = constraint)
    },
    add_loss = function(losses, inputs = NULL) pk_call(private$wrapper$add_loss, losses),
    .set_wrapper = function(wrapper) private$wrapper <- wrapper,
    python_layer = function() private$wrapper
  ),
  private = list(wrapper = NULL)
)

#' Make a layer from a custom layer class
#'
#' keras R's `create_layer()`: the layer verb of a custom layer is
#' `layer_x <- function(object, ...) create_layer(LayerX, object, list(...))`.
#'
#' @param layer_class An R6 class inheriting [KerasLayer], or a Keras layer class such as
#'   `reticulate::import("keras")$layers$Dense`.
#' @param object A sequential model to add the layer to (in place), a tensor or a list of tensors
#'   to apply it to, or missing to get the layer alone.
#' @param args A named list: the arguments of the R6 class's `initialize()` (or of the Keras
#'   class), and the layer's own `input_shape`, `name`, `trainable` and `dtype`.
#' @return As the layer verbs: the model, the output tensor, or the layer.
#' @export
create_layer <- function(layer_class, object, args = list()) {
  model <- if (missing(object)) NULL else object
  own <- names(args) %in% c("input_shape", "name", "trainable", "dtype")
  layer_args <- args[own]
  layer_args$input_shape <- as_py_shape(layer_args$input_shape)
  args <- args[!own]
  if (inherits(layer_class, "R6ClassGenerator")) {
    r6 <- do.call(layer_class$new, args)
    layer <- do.call(pk_call, c(list(pk_bridge()$r_layer, r6$build, r6$call, r6$compute_output_shape),
                                layer_args))
    r6$.set_wrapper(layer)
    return(pk_call(pk_python()$add_layer, model, layer))
  }
  do.call(pk_call, c(list(pk_python()$add_layer, model, layer_class), layer_args, as_py_kwargs(args)))
}
