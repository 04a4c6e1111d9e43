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

#' Base R6 class of custom weight constraints written in R (keras R 2.x)
#'
#' A constraint is an [R6::R6Class()] inheriting `KerasConstraint` with the method `call(w)`,
#' which returns the weights `w` (a tensor) constrained, written with the `k_*` functions; and
#' optionally `get_config()`, a named list of its settings. Give an object of it
#' (`NonNeg$new()`) to a layer's `kernel_constraint` or `bias_constraint`: Keras applies it to
#' the weights after each training step. A plain R function `function(w)` works there too.
#'
#' @format An [R6::R6Class()] generator.
#' @examples
#' \dontrun{
#' NonNeg <- R6::R6Class("NonNeg", inherit = KerasConstraint, public = list(
#'   call = function(w) w * k_cast(k_greater_equal(w, 0), k_floatx())
#' ))
#' model <- keras_model_sequential() %>%
#'   layer_dense(units = 32, input_shape = 784, kernel_constraint = NonNeg$new())
#' }
#' @export
KerasConstraint <- R6::R6Class("KerasConstraint",
  public = list(
    call = function(w) {
      stop("a custom constraint (KerasConstraint) must have a call(w) method", call. = FALSE)
    },
    get_config = function() list()
  )
)

# An R6 object of keras R 2.x's custom classes given as a verb's argument (a KerasConstraint as a
# layer's `kernel_constraint`) becomes the Keras object it stands for; anything else is unchanged.
pk_r6_as_py <- function(x) {
  if (!inherits(x, "KerasConstraint")) return(x)
  members <- list(call = function(w) x$call(w), get_config = function() x$get_config())
  constraint_class <- pk_new_py_class(paste0("R6", class(x)[[1L]]), members, bases = list("constraint"))
  constraint_class()
}

#' Base R6 class of custom layer wrappers written in R (keras R 2.x)
#'
#' keras R 2.x's (deprecated there already) way of wrapping a layer: an [R6::R6Class()]
#' inheriting `KerasWrapper`, made a layer by [create_wrapper()]. By default each method passes
#' to the wrapped layer: `build(input_shape)` builds it, `call(inputs, mask = NULL)` calls it,
#' `compute_output_shape(input_shape)` asks it. A subclass overrides them and reaches the
#' defaults through `super$`; `super$add_weight(name, shape, dtype = NULL, initializer = NULL,
#' regularizer = NULL, trainable = TRUE, constraint = NULL)` adds a weight to the wrapper and
#' returns it, `super$add_loss(losses)` adds a loss term; `self$python_wrapper()` is the Keras
#' layer (its `$layer` the wrapped one). New code can inherit `keras$layers$Wrapper` and use
#' [create_layer()] instead, as keras R 2.x advised.
#'
#' @format An [R6::R6Class()] generator.
#' @examples
#' \dontrun{
#' ScaledByWeight <- R6::R6Class("ScaledByWeight", inherit = KerasWrapper, public = list(
#'   scale = NULL,
#'   build = function(input_shape) {
#'     super$build(input_shape)
#'     self$scale <- super$add_weight(name = "scale", shape = shape(1), initializer = "ones")
#'   },
#'   call = function(x, mask = NULL) super$call(x) * self$scale
#' ))
#' model <- keras_model_sequential() %>%
#'   create_wrapper(ScaledByWeight, ., list(layer = layer_dense(units = 4), input_shape = 2))
#' }
#' @export
KerasWrapper <- R6::R6Class("KerasWrapper",
  public = list(
    build = function(input_shape) {
      layer <- private$py_wrapper$layer
      if (!isTRUE(layer$built)) layer$build(input_shape)
    },
    call = function(inputs, mask = NULL) private$py_wrapper$layer$call(inputs),
    compute_output_shape = function(input_shape) private$py_wrapper$layer$compute_output_shape(input_shape),
    add_loss = function(losses, inputs = NULL) pk_call(private$py_wrapper$add_loss, losses),
    add_weight = function(name, shape, dtype = NULL, initializer = NULL, regularizer = NULL,
                          trainable = TRUE, constraint = NULL) {
      pk_call(private$py_wrapper$add_weight, name = name, shape = as_py_shape(shape), dtype = dtype,
              initializer = initializer, regularizer = regularizer, trainable = trainable,
              constraint = pk_r6_as_py(constraint))
    },
    .set_py_wrapper = function(py_wrapper) private$py_wrapper <- py_wrapper,
    python_wrapper = function() private$py_wrapper
  ),
  active = list(
    input = function(value) if (missing(value)) private$py_wrapper$input else private$py_wrapper$input <- value,
    output = function(value) if (missing(value)) private$py_wrapper$output else private$py_wrapper$output <- value
  ),
  private = list(py_wrapper = NULL)
)

#' Make a layer wrapper from a KerasWrapper class (keras R 2.x)
#'
#' keras R 2.x's `create_wrapper()`: the wrapper verb of a [KerasWrapper] class is
#' `wrapper_x <- function(object, layer, ...) create_wrapper(WrapperX, object, list(layer = layer, ...))`.
#'
#' @param wrapper_class An R6 class inheriting [KerasWrapper].
#' @param object A sequential model to add the wrapper to (in place), or missing (or `NULL`) to
#'   get the wrapper alone.
#' @param args A named list: `layer` (the wrapped layer, e.g. `layer_dense(units = 4)`), the
#'   wrapper's own `input_shape`, `batch_input_shape`, `name`, `trainable` and `dtype`, and the
#'   arguments of the R6 class's `initialize()`.
#' @return The model, invisibly; or, without `object`, the R6 wrapper object (its
#'   `python_wrapper()` the Keras layer), as keras R 2.x returned.
#' @export
create_wrapper <- function(wrapper_class, object, args = list()) {
  own <- c("layer", "input_shape", "batch_input_shape", "batch_size", "dtype", "name", "trainable", "weights")
  wrapper_args <- args[intersect(names(args), own)]
  r6 <- do.call(wrapper_class$new, args[setdiff(names(args), own)])
  input_shape <- wrapper_args$input_shape %||% (if (!is.null(wrapper_args$batch_input_shape))
    as.list(wrapper_args$batch_input_shape)[-1L])
  layer <- wrapper_args$layer
  wrapper_args[c("layer", "input_shape", "batch_input_shape", "batch_size")] <- NULL
  wrapper <- do.call(pk_call, c(list(pk_bridge()$r_wrapper, layer, r6$build, r6$call, r6$compute_output_shape,
                                     input_shape = as_py_shape(input_shape)), wrapper_args))
  r6$.set_py_wrapper(wrapper)
  if (missing(object) || is.null(object)) return(r6)
  invisible(pk_call(pk_python()$add_layer, object, wrapper))
}
