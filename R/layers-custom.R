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

# An R6 class inheriting a Python class (`R6Class(inherit = keras$Model, ...)`, as keras R 2.x
# allowed) is made that Python class's subclass, its methods written in R (R/py-classes.R);
# made once per R6 class. Any other class passes unchanged.
pk_r6_as_py_class <- function(generator) {
  if (!inherits(generator, "R6ClassGenerator") || is.null(generator$inherit)) return(generator)
  made <- get0(".pykerasr_py_class", envir = generator, inherits = FALSE)
  if (!is.null(made)) return(made)
  parent <- eval(generator$inherit, generator$parent_env)
  if (!inherits(parent, "python.builtin.object")) return(generator)
  active <- lapply(generator$active, mark_active)
  members <- c(generator$public_fields, generator$public_methods, active)
  private <- c(generator$private_fields, generator$private_methods)
  made <- pk_new_py_class(generator$classname, members, bases = list(parent), private = private)
  assign(".pykerasr_py_class", made, envir = generator)
  made
}

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
  layer_class <- pk_r6_as_py_class(layer_class)
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

#' Base R6 class of custom callbacks written in R (keras R 2.x)
#'
#' A callback is an [R6::R6Class()] inheriting `KerasCallback` that overrides some of the
#' methods `on_epoch_begin(epoch, logs)`, `on_epoch_end(epoch, logs)`, `on_batch_begin(batch,
#' logs)`, `on_batch_end(batch, logs)`, `on_train_begin(logs)`, `on_train_end(logs)` (and the
#' `on_test_*`, `on_predict_*` ones); `logs` is a named list (`logs[["loss"]]`), `epoch` and
#' `batch` count from 0 as Keras counts. While training, the fields `self$model` and
#' `self$params` hold the model and the training parameters. Give the object (`LossHistory$new()`)
#' to [fit()]'s `callbacks`. [new_callback_class()] is the newer way.
#'
#' @format An [R6::R6Class()] generator.
#' @examples
#' \dontrun{
#' LossHistory <- R6::R6Class("LossHistory", inherit = KerasCallback, public = list(
#'   losses = NULL,
#'   on_batch_end = function(batch, logs = list()) self$losses <- c(self$losses, logs[["loss"]])
#' ))
#' history <- LossHistory$new()
#' fit(model, x, y, callbacks = list(history))
#' history$losses
#' }
#' @export
KerasCallback <- R6::R6Class("KerasCallback",
  public = list(
    params = NULL,
    model = NULL,
    set_context = function(params = NULL, model = NULL) {
      self$params <- params
      self$model <- model
    },
    on_epoch_begin = function(epoch, logs = NULL) NULL,
    on_epoch_end = function(epoch, logs = NULL) NULL,
    on_batch_begin = function(batch, logs = NULL) NULL,
    on_batch_end = function(batch, logs = NULL) NULL,
    on_train_begin = function(logs = NULL) NULL,
    on_train_end = function(logs = NULL) NULL,
    on_test_begin = function(logs = NULL) NULL,
    on_test_end = function(logs = NULL) NULL,
    on_test_batch_begin = function(batch, logs = NULL) NULL,
    on_test_batch_end = function(batch, logs = NULL) NULL,
    on_predict_begin = function(logs = NULL) NULL,
    on_predict_end = function(logs = NULL) NULL,
    on_predict_batch_begin = function(batch, logs = NULL) NULL,
    on_predict_batch_end = function(batch, logs = NULL) NULL
  )
)

# The Keras callback of a KerasCallback object: a class written in R (R/py-classes.R) whose
# hooks are the ones the R6 class overrides, called on the object; Keras' set_model() and
# set_params() fill its `model` and `params`.
pk_r6_callback <- function(r6) {
  defaults <- KerasCallback$public_methods
  hooks <- grep("^on_", names(defaults), value = TRUE)
  overridden <- hooks[!vapply(hooks, function(h) identical(body(r6[[h]]), body(defaults[[h]])), logical(1))]
  members <- lapply(overridden, function(hook) function(...) r6[[hook]](...))
  names(members) <- overridden
  members$set_model <- function(model) {
    super$set_model(model)
    r6$set_context(params = r6$params, model = model)
  }
  members$set_params <- function(params) {
    super$set_params(params)
    r6$set_context(params = params, model = r6$model)
  }
  callback_class <- pk_new_py_class(paste0("R6", class(r6)[[1L]]), members, bases = list("callback"))
  callback_class()
}

# Callbacks for fit(), evaluate() and predict(): Keras callbacks, and R6 KerasCallback objects.
as_py_callbacks <- function(x) {
  if (is.null(x)) return(NULL)
  if (inherits(x, "KerasCallback") || inherits(x, "python.builtin.object")) x <- list(x)
  lapply(x, function(cb) if (inherits(cb, "KerasCallback")) pk_r6_callback(cb) else cb)
}
