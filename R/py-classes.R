# keras R 2.x's object model: classes written in R (`%py_class%`, new_layer_class() and the
# other makers, Layer(), create_layer_wrapper(), active properties). R collects a class's
# members; Python (pykeras_r/classes.py) makes the class, each method calling its R function
# with `self`, `super` and `private` in scope.

#' Make a Python class in R
#'
#' keras R 2.x's class syntax, for custom layers, models, callbacks, metrics, losses and
#' learning-rate schedules (see the example).
#'
#' Each function in the body becomes a method (`initialize` is Python's `__init__`); inside it,
#' `self` is the object, `super` its parent class (`super$initialize(...)`, also `super()$...`)
#' and `private` an R environment of the object's own (not converted to Python; functions put
#' there see `self` and `private` too). Other values become class attributes, a first string the
#' class's documentation, and `x %<-active% function(value) ...` an active property. Methods
#' keep their R arguments, so `call <- function(inputs, training = NULL)` gets Keras'
#' `training` flag. Layers, losses, metrics and schedules are registered as serializable
#' (package `pykerasr`), so saved models load again in a session that defined the class.
#'
#' @param spec A bare class name, `MyClass`, or a call naming the parent classes,
#'   `MyClass(keras$layers$Layer)`.
#' @param body The class body, in braces: assignments of its methods, attributes and properties.
#' @return The Python class, invisibly; it is also assigned to `MyClass` in the calling
#'   environment. Calling it (`MyClass(...)`) makes an object.
#' @seealso [new_layer_class()], [`%<-active%`], [keras]
#' @examples
#' \dontrun{
#' MyDense(keras$layers$Layer) %py_class% {
#'   initialize <- function(units = 32, ...) {
#'     super$initialize(...)
#'     self$units <- as.integer(units)
#'   }
#'   build <- function(input_shape) {
#'     self$w <- self$add_weight(shape = shape(input_shape[[2]], self$units),
#'                               initializer = "random_normal", trainable = TRUE)
#'   }
#'   call <- function(inputs) k_dot(inputs, self$w)
#' }
#' layer <- MyDense(units = 4)
#' }
#' @export
`%py_class%` <- function(spec, body) {
  spec <- substitute(spec)
  body <- substitute(body)
  parent_env <- parent.frame()
  if (is.name(spec) && make.names(as.character(spec)) == as.character(spec)) {
    classname <- as.character(spec)
    bases <- list()
  } else if (is.call(spec) && is.name(spec[[1L]]) &&
             make.names(as.character(spec[[1L]])) == as.character(spec[[1L]])) {
    classname <- as.character(spec[[1L]])
    bases <- lapply(as.list(spec)[-1L], eval, envir = parent_env)
  } else {
    stop(errorCondition(paste0(
      "the left side of %py_class% must be a class name, `MyClass`, or `MyClass(ParentClass)`; ",
      "got `", deparse(spec)[[1L]], "`."), class = c("pykerasr_input_error", "pykerasr_error"),
      call = NULL))
  }
  exprs <- if (is.call(body) && identical(body[[1L]], as.name("{"))) as.list(body)[-1L] else list(body)
  doc <- NULL
  if (length(exprs) && is.character(exprs[[1L]])) {
    doc <- exprs[[1L]]
    exprs <- exprs[-1L]
  }
  env <- new.env(parent = parent_env)
  env$private <- new.env(parent = emptyenv())
  assign(".pykerasr_class_body", TRUE, envir = env)  # for %<-active%
  for (e in exprs) eval(e, env)
  members <- mget(setdiff(ls(env, all.names = TRUE), c("private", ".pykerasr_class_body")), envir = env)
  cls <- pk_new_py_class(classname, members, bases, private = as.list(env$private), doc = doc)
  assign(classname, cls, envir = parent_env)
  invisible(cls)
}

#' Active properties
#'
#' `x %<-active% function(value) ...` makes `x` an active binding (see [makeActiveBinding()]):
#' reading `x` calls the function without `value`, assigning calls it with the value. In the
#' body of a [`%py_class%`] it makes a Python property of the class instead, read as
#' `obj$x` and set as `obj$x <- value`. `mark_active(f)` marks a function as such a property
#' for the `...` of [new_layer_class()] and the other class makers.
#'
#' @param sym The name to bind.
#' @param value A function of one optional argument, `value`.
#' @param x A function to make an active property.
#' @return `value` (or `x`, marked), invisibly.
#' @export
`%<-active%` <- function(sym, value) {
  sym <- as.character(substitute(sym))
  env <- parent.frame()
  if (isTRUE(get0(".pykerasr_class_body", envir = env, inherits = FALSE))) {
    assign(sym, mark_active(value), envir = env)
  } else {
    makeActiveBinding(sym, value, env)
  }
  invisible(value)
}

#' @rdname grapes-set-active-grapes
#' @export
mark_active <- function(x) {
  if (!is.function(x)) {
    stop(errorCondition(paste0("mark_active() takes a function; got ", class(x)[[1L]], "."),
                        class = c("pykerasr_input_error", "pykerasr_error"), call = NULL))
  }
  attr(x, "pykerasr_active") <- TRUE
  x
}

# The Python class of a class spec: a Python class, a class maker's wrapper (new_layer_class())
# or a class name of pykeras_r.classes.BASES ("layer", "callback"...).
pk_as_py_class <- function(x) {
  if (is.character(x)) return(pk_call(pk_bridge()$base_class, x))
  if (is.function(x) && !is.null(attr(x, "py_class"))) return(attr(x, "py_class"))
  x
}

# The formals of an R function for its Python signature: name, whether it has a default, and
# that default where it is a constant (else pykeras_r.classes.R_DEFAULT stands for it).
pk_formals_table <- function(fn) {
  f <- formals(fn)
  if (pk_takes_self(fn)) f <- f[-1L]
  lapply(names(f), function(name) {
    if (name == "...") return(list(name = name, dots = TRUE))
    # the empty symbol (no default) cannot be held in a variable: test it where it is
    has_default <- !(is.symbol(f[[name]]) && !nzchar(as.character(f[[name]])))
    row <- list(name = name, dots = FALSE, has_default = has_default)
    if (has_default) {
      d <- f[[name]]
      if (is.null(d) || (is.atomic(d) && length(d) == 1L)) row["default"] <- list(d)
    }
    row
  })
}

# An R method as Python calls it: function(self, ...), evaluated with `self`, `super` and
# `private` in scope. `class_ref$cls` is the Python class, known once made.
# A method may also name `self` as its first argument (`train_step <- function(self, data)`),
# as keras R 2.x allowed: it is then given `self` there too.
pk_r_method <- function(fn, class_ref) {
  force(fn)
  takes_self <- pk_takes_self(fn)
  function(self, ...) {
    env <- new.env(parent = environment(fn))
    env$self <- self
    env$super <- pk_super(class_ref, self)
    env$private <- pk_private(self, class_ref)
    environment(fn) <- env
    if (takes_self) fn(self, ...) else fn(...)
  }
}

pk_takes_self <- function(fn) identical(names(formals(fn))[1L], "self")

# `super`: a function giving the parent (super()$initialize(...)), and `$` on it the same
# (super$initialize(...)).
pk_super <- function(class_ref, self) {
  structure(function() pk_call(pk_bridge()$r_super, class_ref$cls, self), class = "pykerasr_super")
}

#' @export
`$.pykerasr_super` <- function(x, name) {
  parent <- x()
  do.call(`$`, list(parent, name))
}

# `private`: an R environment per object, made on first use from the class's private members
# (functions among them see `self` and `private`). Found by a key the object carries, not by
# its id: Python reuses the id of a collected object for a new one. Each entry keeps a weak
# reference to its object, so that those of collected objects are dropped now and then.
pk_private <- function(self, class_ref) {
  if (is.null(.pk$private)) .pk$private <- new.env(parent = emptyenv())
  key <- if (reticulate::py_has_attr(self, "_pykerasr_private_key")) {
    reticulate::py_to_r(reticulate::py_get_attr(self, "_pykerasr_private_key"))
  }
  if (!is.null(key)) return(.pk$private[[key]]$env)
  .pk$private_made <- (.pk$private_made %||% 0L) + 1L
  if (.pk$private_made %% 100L == 0L) pk_forget_collected_privates()
  key <- paste0("object", .pk$private_made)
  reticulate::py_set_attr(self, "_pykerasr_private_key", key)
  private <- new.env(parent = emptyenv())
  for (name in names(class_ref$private)) {
    value <- class_ref$private[[name]]
    if (is.function(value)) {
      env <- new.env(parent = environment(value))
      env$self <- self
      env$private <- private
      environment(value) <- env
    }
    assign(name, value, envir = private)
  }
  reference <- tryCatch(reticulate::import("weakref")$ref(self), error = function(e) NULL)
  assign(key, list(env = private, reference = reference), envir = .pk$private)
  private
}

pk_forget_collected_privates <- function() {
  for (key in ls(.pk$private, all.names = TRUE)) {
    reference <- .pk$private[[key]]$reference
    if (!is.null(reference) && is.null(reference())) rm(list = key, envir = .pk$private)  # None: collected
  }
}

# Make the Python class of `members` (a named list: functions are methods, functions marked
# by mark_active() properties, other values attributes).
pk_new_py_class <- function(classname, members, bases = list(), private = list(), doc = NULL) {
  class_ref <- new.env(parent = emptyenv())
  class_ref$private <- private
  members <- members[!vapply(members, is.null, logical(1))]
  methods <- properties <- attributes <- list()
  for (name in names(members)) {
    m <- members[[name]]
    if (is.function(m) && !inherits(m, "python.builtin.object")) {
      wrapped <- pk_r_method(m, class_ref)
      if (isTRUE(attr(m, "pykerasr_active"))) {
        properties[[name]] <- wrapped
      } else {
        methods[[name]] <- list(fn = wrapped, params = pk_formals_table(m))
      }
    } else {
      attributes[[name]] <- m
    }
  }
  bases <- lapply(if (is.list(bases)) bases else list(bases), pk_as_py_class)
  cls <- pk_call(pk_bridge()$new_class, classname, bases, methods, properties, attributes, doc)
  class_ref$cls <- cls
  cls
}

# The class makers: each a class of one Keras base, its methods as arguments.
pk_class_maker <- function(kind, classname, members, private = list()) {
  pk_new_py_class(classname, members, bases = list(kind), private = private)
}

#' Make custom layers, models, callbacks, metrics, losses and schedules
#'
#' keras R 2.x's class makers. Each makes a Python class inheriting the Keras base class of its
#' kind, from methods written in R as in [`%py_class%`] (`self`, `super` and `private` in
#' scope; `initialize` is the constructor):
#'
#' * `new_layer_class()`: a layer; it returns a layer function like [layer_dense()]
#'   (`layer_x(object, ...)` adds the layer to a model or applies it to a tensor; see
#'   [create_layer_wrapper()]), whose `"py_class"` attribute is the class;
#' * `new_model_class()`: a model (`call`, and `train_step`/`test_step` to change what [fit()]
#'   and [evaluate()] do), `new_callback_class()`: a callback (`self$model` is the model being
#'   trained, `self$model$stop_training <- TRUE` stops it), `new_metric_class()`: a metric
#'   (`update_state`, `result`; weights made with `self$add_weight()`), `new_loss_class()`: a
#'   loss (`call(y_true, y_pred)`), `new_learning_rate_schedule_class()`: a schedule (`call(step)`,
#'   the learning rate at a step). These return the class: calling it makes an object.
#'
#' @param classname The class's name, e.g. `"MyDense"`.
#' @param ... Further methods and attributes; functions marked with [mark_active()] become
#'   active properties.
#' @param initialize,build,call,get_config,train_step,predict_step,test_step,compute_loss,compute_metrics,update_state,result
#'   Methods, as functions; `NULL` keeps the base class's.
#' @param on_epoch_begin,on_epoch_end,on_train_begin,on_train_end,on_batch_begin,on_batch_end,on_predict_batch_begin,on_predict_batch_end,on_predict_begin,on_predict_end,on_test_batch_begin,on_test_batch_end,on_test_begin,on_test_end,on_train_batch_begin,on_train_batch_end
#'   A callback's hooks, e.g. `function(epoch, logs = NULL)` (`epoch` 0-based, as Keras counts).
#' @return The class (`new_layer_class()`: a layer function carrying it).
#' @name new-classes
#' @export
new_layer_class <- function(classname, ..., initialize = NULL, build = NULL, call = NULL,
                            get_config = NULL) {
  create_layer_wrapper(pk_class_maker("layer", classname, list(
    ..., initialize = initialize, build = build, call = call, get_config = get_config)))
}

#' @rdname new-classes
#' @export
new_model_class <- function(classname, ..., initialize = NULL, call = NULL, train_step = NULL,
                            predict_step = NULL, test_step = NULL, compute_loss = NULL,
                            compute_metrics = NULL) {
  pk_class_maker("model", classname, list(
    ..., initialize = initialize, call = call, train_step = train_step, predict_step = predict_step,
    test_step = test_step, compute_loss = compute_loss, compute_metrics = compute_metrics))
}

#' @rdname new-classes
#' @export
new_callback_class <- function(classname, ..., on_epoch_begin = NULL, on_epoch_end = NULL,
                               on_train_begin = NULL, on_train_end = NULL, on_batch_begin = NULL,
                               on_batch_end = NULL, on_predict_batch_begin = NULL,
                               on_predict_batch_end = NULL, on_predict_begin = NULL,
                               on_predict_end = NULL, on_test_batch_begin = NULL,
                               on_test_batch_end = NULL, on_test_begin = NULL, on_test_end = NULL,
                               on_train_batch_begin = NULL, on_train_batch_end = NULL) {
  hooks <- as.list(environment())[setdiff(names(formals()), c("classname", "..."))]
  # keras R 2.x's on_batch_* are Keras' on_train_batch_*
  if (is.null(hooks$on_train_batch_begin)) hooks$on_train_batch_begin <- hooks$on_batch_begin
  if (is.null(hooks$on_train_batch_end)) hooks$on_train_batch_end <- hooks$on_batch_end
  hooks$on_batch_begin <- hooks$on_batch_end <- NULL
  pk_class_maker("callback", classname, c(list(...), hooks))
}

#' @rdname new-classes
#' @export
new_metric_class <- function(classname, ..., initialize, update_state, result) {
  pk_class_maker("metric", classname, list(..., initialize = initialize,
                                            update_state = update_state, result = result))
}

#' @rdname new-classes
#' @export
new_loss_class <- function(classname, ..., call = NULL) {
  pk_class_maker("loss", classname, list(..., call = call))
}

#' @rdname new-classes
#' @export
new_learning_rate_schedule_class <- function(classname, ..., initialize = NULL, call,
                                             get_config = NULL) {
  pk_class_maker("learning_rate_schedule", classname, list(
    ..., initialize = initialize, call = call, get_config = get_config))
}

#' A layer function from a layer class
#'
#' `create_layer_wrapper(MyLayer)` returns `function(object, ...)` that makes a `MyLayer` with
#' the arguments `...` and, as the built-in layer functions do, adds it to a sequential model
#' `object` (in place, returned invisibly), applies it to a tensor `object`, or returns the
#' layer when `object` is missing.
#'
#' @param Layer A layer class: from [`%py_class%`], an R6 class inheriting [KerasLayer], or a
#'   Keras layer class such as `keras$layers$Dense`.
#' @param modifiers A named list of functions applied to arguments before the class gets them,
#'   e.g. `list(units = as.integer)`.
#' @param convert Kept for keras R 2.x's signature; values always reach R methods converted.
#' @return A layer function; its `"py_class"` attribute is the class.
#' @export
create_layer_wrapper <- function(Layer, modifiers = NULL, convert = TRUE) {
  force(Layer)
  wrapper <- function(object, ...) {
    args <- pk_name_layer_args(Layer, list(...))
    for (name in intersect(names(modifiers), names(args))) {
      args[[name]] <- modifiers[[name]](args[[name]])
    }
    if (missing(object)) create_layer(Layer, args = args) else create_layer(Layer, object, args)
  }
  attr(wrapper, "py_class") <- Layer
  class(wrapper) <- c("pykerasr_layer_wrapper", "function")
  wrapper
}

# Unnamed arguments of a layer function take the names of the class constructor's arguments, in
# order (`layer_x(model, 10)` -> `units = 10`), as keras R 2.x's layer functions had them.
pk_name_layer_args <- function(Layer, args) {
  unnamed <- if (is.null(names(args))) rep(TRUE, length(args)) else !nzchar(names(args))
  if (!any(unnamed) || inherits(Layer, "R6ClassGenerator")) return(args)
  free <- setdiff(unlist(pk_call(pk_bridge()$init_arg_names, Layer)), names(args))
  if (sum(unnamed) > length(free)) {
    stop(errorCondition(paste0("too many unnamed arguments for the layer: ", sum(unnamed),
                               " given, the class takes ", length(free), " more by position."),
                        class = c("pykerasr_input_error", "pykerasr_error"), call = NULL))
  }
  if (is.null(names(args))) names(args) <- rep("", length(args))
  names(args)[unnamed] <- free[seq_len(sum(unnamed))]
  args
}

#' Make a layer class (keras R 2.x's older form)
#'
#' Kept for keras R 2.x material; [new_layer_class()] and [`%py_class%`] are the current ways.
#'
#' @param classname The layer's class name.
#' @param initialize,build,call,compute_output_shape The layer's methods, as in
#'   [new_layer_class()].
#' @param ... Further methods and attributes.
#' @param inherit The layer class to inherit, by default Keras' `Layer`.
#' @return A layer function, as [create_layer_wrapper()] makes.
#' @export
Layer <- function(classname, initialize, build = NULL, call = NULL, compute_output_shape = NULL,
                  ..., inherit = "layer") {
  members <- list(initialize = if (!missing(initialize)) initialize, build = build, call = call,
                  compute_output_shape = compute_output_shape, ...)
  create_layer_wrapper(pk_new_py_class(classname, members, bases = list(inherit)))
}
