# What keras R 2.x shared with the tensorflow R package, and living beside it: `keras` (the
# Python module), shape(), tuple(), zip_lists(), tensorboard(); tensorflow R's evaluate()
# generic dispatching to pykerasr's method; tensorflow R binding to pykerasr's Python.

#' The Keras Python module
#'
#' `keras$layers$Layer`, `keras$ops$mean`, `keras$callbacks$Callback`...: the Python module
#' `keras` (Keras 3), imported on first use with pykerasr's choice of Python, as keras R 2.x's
#' `keras` object was.
#'
#' @format A Python module, loaded on first use.
#' @export
keras <- NULL

# A delayed import: pykerasr's start-up (its choice and checks of Python) runs first, and
# pk_bridge() after, which turns on what keras R 2.x's scripts had from Keras 2
# (`keras$layers$Dense(32)` with R's double 32).
pk_delay_load_keras <- function() {
  reticulate::import("keras", delay_load = list(before_load = function() pk_python(),
                                                on_load = function() pk_bridge()))
}

#' Tensor shapes
#'
#' keras R 2.x's `shape()` (from the tensorflow R package): `shape(784)`, `shape(28, 28, 1)`,
#' `shape(NULL, 784)` (`NULL`, `NA` or `-1` for an unknown length), for `layer_input(shape = )`
#' and `self$add_weight(shape = )`. When the tensorflow R package is attached, its `shape()`
#' is used and works the same in pykerasr.
#'
#' @param ... Lengths of the axes: whole numbers, `NULL`/`NA` for unknown, or vectors and lists
#'   of them, which are spliced in.
#' @param dims A list or vector of lengths, instead of `...`.
#' @return A Python tuple of whole numbers (`None` for unknown lengths).
#' @export
shape <- function(..., dims = list(...)) {
  dims <- unlist(lapply(dims, function(d) {
    if (inherits(d, "python.builtin.object")) d <- pk_call(pk_bridge()$as_shape, d)
    if (is.null(d)) return(list(NULL))
    lapply(as.list(d), function(v) if (is.null(v) || is.na(v) || identical(as.numeric(v), -1)) NULL else v)
  }), recursive = FALSE)
  pk_python()
  do.call(reticulate::tuple, lapply(dims, as_py_integer))
}

#' Python tuples
#'
#' `tuple(1, 2)` is the Python tuple `(1, 2)` (reticulate's `tuple()`), started with pykerasr's
#' Python.
#'
#' @param ... The values.
#' @param convert Whether values converted back from Python become R values.
#' @return A Python tuple.
#' @export
tuple <- function(..., convert = FALSE) {
  pk_python()
  reticulate::tuple(..., convert = convert)
}

#' Zip lists
#'
#' keras R 2.x's `zip_lists()`: the first elements of each argument together, then the second
#' ones, and so on, as Python's `zip()`; named arguments are matched by name. Used for
#' `optimizer$apply_gradients(zip_lists(gradients, weights))`.
#'
#' @param ... Lists or vectors of equal length, all unnamed (matched by position) or all with
#'   the same names (matched by name).
#' @return A list of lists.
#' @export
zip_lists <- function(...) {
  args <- list(...)
  if (!length(args)) return(list())
  lengths <- vapply(args, length, integer(1))
  if (length(unique(lengths)) != 1L) {
    stop(errorCondition(paste0("zip_lists() takes arguments of one length; got lengths ",
                               paste(lengths, collapse = ", "), "."),
                        class = c("pykerasr_input_error", "pykerasr_error"), call = NULL))
  }
  element_names <- lapply(args, names)
  if (all(vapply(element_names, is.null, logical(1)))) {
    return(lapply(seq_len(lengths[[1L]]), function(i) lapply(args, `[[`, i)))
  }
  wanted <- element_names[[1L]]
  same <- vapply(element_names, function(n) !is.null(n) && setequal(n, wanted) &&
                   !anyDuplicated(n), logical(1))
  if (!all(same)) {
    stop(errorCondition(paste("zip_lists() matches named arguments by name: all must have the",
                              "same names (or call unname() on them to match by position)."),
                        class = c("pykerasr_input_error", "pykerasr_error"), call = NULL))
  }
  out <- lapply(wanted, function(n) lapply(args, `[[`, n))
  names(out) <- wanted
  out
}

#' TensorBoard
#'
#' Starts TensorBoard on the logs that [callback_tensorboard()] writes, and opens it in the
#' browser; `action = "stop"` stops the TensorBoard this session started. As tensorflow R's
#' `tensorboard()`, which keras R 2.x users call.
#'
#' @param log_dir Folder(s) of logs.
#' @param action `"start"` or `"stop"`.
#' @param host The address to serve on, by default only this machine.
#' @param port A port number, or `"auto"` for a free one.
#' @param launch_browser Whether to open the page in the browser.
#' @param reload_interval Seconds between reads of new log data.
#' @param purge_orphaned_data Whether to discard data of restarted runs.
#' @return The URL of the TensorBoard page, invisibly (`NULL` for `"stop"`).
#' @export
tensorboard <- function(log_dir, action = c("start", "stop"), host = "127.0.0.1", port = "auto",
                        launch_browser = getOption("tensorflow.tensorboard.browser", interactive()),
                        reload_interval = 5, purge_orphaned_data = TRUE) {
  action <- as_py_choice(action)
  if (identical(action, "stop")) {
    pk_call(pk_python()$stop_tensorboard)
    return(invisible(NULL))
  }
  url <- pk_call(pk_python()$start_tensorboard, as_py_list(path.expand(log_dir)), host = host,
                 port = if (identical(port, "auto")) NULL else as_py_integer(port),
                 reload_interval = as_py_integer(reload_interval),
                 purge_orphaned_data = purge_orphaned_data)
  message("Started TensorBoard at ", url)
  if (isTRUE(launch_browser)) utils::browseURL(url)
  invisible(url)
}

# The evaluate() generics of tensorflow R (keras R 2.x's) and of the generics package dispatch
# to pykerasr's method too, whichever package was attached last. generics' is evaluate(x, ...):
# `evaluate(model, x = x_test, y = y_test)` dispatches there on the data, so its default (it
# has none of its own) finds the model among the arguments.
pk_register_evaluate <- function(package) {
  namespace <- asNamespace(package)
  registerS3method("evaluate", "keras.src.models.model.Model", evaluate.keras.src.models.model.Model,
                   envir = namespace)
  if (package == "tensorflow") {  # tensorflow R's export_savedmodel() generic, which keras R 2.x extended
    registerS3method("export_savedmodel", "keras.src.models.model.Model",
                     export_savedmodel.keras.src.models.model.Model, envir = namespace)
  }
  if (package == "generics" && is.null(utils::getS3method("evaluate", "default", optional = TRUE,
                                                          envir = namespace))) {
    registerS3method("evaluate", "default", pk_evaluate_default, envir = namespace)
  }
}

pk_evaluate_default <- function(x, ...) {
  args <- list(...)
  named <- if (is.null(names(args))) rep("", length(args)) else names(args)
  i <- if ("object" %in% named) match("object", named) else which(!nzchar(named))[1L]
  if (is.na(i) || !inherits(args[[i]], "keras.src.models.model.Model")) {
    stop("no applicable method for 'evaluate' applied to an object of class \"",
         paste(class(x), collapse = "\", \""), "\"", call. = FALSE)
  }
  do.call(evaluate.keras.src.models.model.Model, c(list(args[[i]], x = x), args[-i]))
}

pk_register_evaluate_hooks <- function() {
  for (package in c("tensorflow", "generics")) {
    if (isNamespaceLoaded(package)) pk_register_evaluate(package)
    setHook(packageEvent(package, "onLoad"), local({
      this <- package
      function(...) pk_register_evaluate(this)
    }))
  }
}

# Before anything starts Python (tensorflow R's shape() or as_tensor(), a `tf$...`), tell
# reticulate which Python pykerasr would choose, so that whoever starts it starts that one:
# use_python(required = TRUE) comes before tensorflow R's own search (its "r-tensorflow" and
# "r-keras" environments), and a later use_python() of the user's still supersedes it.
pk_suggest_python <- function() {
  if (reticulate::py_available(initialize = FALSE) || nzchar(Sys.getenv("RETICULATE_PYTHON"))) {
    return(invisible(FALSE))
  }
  choice <- tryCatch(pk_python_choice(), error = function(e) NULL)
  if (is.null(choice) || !choice$kind %in% c("variable", "project", "installer")) return(invisible(FALSE))
  done <- tryCatch({
    reticulate::use_python(choice$path, required = TRUE)
    TRUE
  }, error = function(e) FALSE, warning = function(w) FALSE)
  invisible(done)
}

#' Make a tensor
#'
#' tensorflow R's `as_tensor()`, which keras R 2.x re-exported: an R number, vector, array or a
#' tensor as a tensor. R's doubles become `"float64"`, integers `"int32"`, logicals `"bool"`, as in
#' tensorflow R. When the tensorflow R package is attached after pykerasr, its `as_tensor()` masks
#' this one and gives the same tensors (it runs on pykerasr's Python).
#'
#' @param x An R number, vector or array, or a tensor.
#' @param dtype Optional type to cast to, e.g. `"float32"` (between numeric types, values beyond
#'   the new type's range become its largest or smallest).
#' @param ... Unused (tensorflow R's methods' further arguments).
#' @param shape Optional shape, e.g. `c(2, 3)` (`NA` for one unknown length): a single value fills
#'   it; anything else is reshaped in row-major (C) order, as tensorflow R does (`as_tensor(1:6,
#'   shape = c(2, 3))` has rows 1 2 3 and 4 5 6).
#' @param name Unused: Keras 3 tensors have no names.
#' @return A tensor: `as.array()` makes it an R array.
#' @export
as_tensor <- function(x, dtype = NULL, ..., shape = NULL, name = NULL) {
  bridge <- pk_bridge()
  # vectors and arrays keep R's type (double: float64), as tensorflow R makes them; one number
  # without dim stays a Python number (a scalar tensor)
  if (is.atomic(x) && (length(x) != 1L || !is.null(dim(x)))) x <- reticulate::np_array(x)
  pk_call(bridge$as_tensor, x, dtype = dtype, shape = as_py_shape(shape))
}

#' The backend module
#'
#' keras R 2.x's `backend()`: `K <- backend(); K$mean(x, axis = 1L)`. Its functions are Python's:
#' axes are 0-based, whole numbers must be integers (`1L`). On Keras 3 it holds TensorFlow Keras
#' 2's backend functions that Keras 3 dropped (`K$batch_dot`, `K$variable`, `K$switch`...), and
#' finds any other name in `keras$backend`, then `keras$ops` (`K$epsilon()`, `K$mean()`).
#' TensorFlow 1's graph-mode functions (`K$placeholder`, `K$get_session`) do not exist.
#'
#' @param convert Whether values the functions return become R values where they can (`TRUE`), or
#'   stay Python objects.
#' @return A Python module.
#' @export
backend <- function(convert = TRUE) {
  module <- pk_call(pk_bridge()$backend_module)
  if (convert) module else reticulate::r_to_py(module)
}
