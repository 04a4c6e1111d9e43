#' The configuration in use
#'
#' Starts Python if needed and reports the Python used (and why it was chosen), the versions
#' of pykeras_r, TensorFlow, Keras, numpy and reticulate, the Keras backend, the cache folder
#' and where each dataset file is found, and whether TensorFlow's start-up notices are hidden.
#'
#' By default TensorFlow's known C++ start-up notices (oneDNN, no CUDA driver, CPU
#' instructions, `failed call to cuInit` where there is no GPU driver) are hidden; any other
#' line it prints then still shows. `options(pykerasr.tensorflow_log = "all")` before the first
#' pykerasr call, or the environment variable `PYKERAS_R_TENSORFLOW_LOG=all`, shows them all.
#'
#' @return A `pykerasr_config` list, printed readably.
#' @export
pk_config <- function() {
  pk_python()
  config <- pk_call(pk_python()$configuration)
  config$python_chosen_by <- .pk$choice$reason
  config$pykerasr <- as.character(utils::packageVersion("pykerasr"))
  config$reticulate <- as.character(utils::packageVersion("reticulate"))
  structure(config, class = "pykerasr_config")
}

#' @export
print.pykerasr_config <- function(x, ...) {
  cat("Python:      ", x$python, " (", x$python_version, "), chosen by ", x$python_chosen_by,
      "\n", sep = "")
  cat("pykerasr ", x$pykerasr, ", pykeras_r ", x$pykeras_r, ", TensorFlow ", x$tensorflow,
      ", Keras ", x$keras, " (backend ", x$keras_backend, "), numpy ", x$numpy,
      ", reticulate ", x$reticulate, "\n", sep = "")
  cat("TensorFlow log: ", x$tensorflow_log, " (all of it: options(pykerasr.tensorflow_log = \"all\") ",
      "before the first call, or ", x$tensorflow_log_variable, "=all)\n", sep = "")
  cat("Cache:       ", x$cache_dir, "\n", sep = "")
  for (name in names(x$datasets)) {
    for (f in x$datasets[[name]]) {
      cat("  ", name, "/", f$file, ": ", f$found %||% "not found", "\n", sep = "")
    }
  }
  invisible(x)
}

#' Keras' implementation and backend (keras R 2.x's use_implementation(), use_backend())
#'
#' keras R 2.x chose between two Keras implementations (the `keras` Python package or
#' TensorFlow's `tf.keras`) and, for the first, a backend. On Keras 3 there is one
#' implementation: TensorFlow 2.16 and later's `tf.keras` is Keras 3 itself, so both choices of
#' `use_implementation()` run the same Keras, and it only records the choice in
#' `KERAS_IMPLEMENTATION`, as keras R did. `use_backend()` chooses Keras 3's backend:
#' `"tensorflow"` (keras R's default), or Keras 3's `"jax"` and `"torch"` where their Python
#' packages are installed; Theano, CNTK and PlaidML are no Keras 3 backends and are refused.
#' Keras reads the backend when it starts: call `use_backend()` before the first verb (once Keras
#' runs, asking for the backend it runs is fine, another is refused). `implementation()` is the
#' Keras Python module ([keras]); `is_keras_available()` says whether pykerasr's Python has Keras
#' (of at least `version`), without stopping where it has not.
#'
#' @param implementation `"keras"` or `"tensorflow"`.
#' @param backend `"tensorflow"`, `"jax"` or `"torch"`.
#' @param version Optional least Keras version, e.g. `"3.0"`.
#' @return `use_implementation()`: `TRUE`, invisibly; `use_backend()`: the backend, invisibly;
#'   `implementation()`: the Keras module; `is_keras_available()`: `TRUE` or `FALSE`.
#' @export
use_implementation <- function(implementation = c("keras", "tensorflow")) {
  implementation <- as_py_choice(implementation)
  if (!identical(implementation, "keras") && !identical(implementation, "tensorflow")) {
    pk_stop_input("use_implementation(): `implementation` is \"keras\" or \"tensorflow\" (both are Keras 3); got ",
                  deparse(implementation), ".")
  }
  invisible(Sys.setenv(KERAS_IMPLEMENTATION = implementation))
}

#' @rdname use_implementation
#' @export
use_backend <- function(backend = c("tensorflow", "cntk", "theano", "plaidml")) {
  backend <- as_py_choice(backend)
  if (is.character(backend) && length(backend) == 1L && backend %in% c("cntk", "theano", "plaidml")) {
    pk_stop_input("use_backend(\"", backend, "\"): Keras 3 has no ", backend, " backend (keras R 2.15 on ",
                  "TensorFlow 2.15 ran TensorFlow's Keras whatever the backend asked). Keras 3's backends are ",
                  "\"tensorflow\" (the default), \"jax\" and \"torch\": drop the call, or name one of them.")
  }
  if (!is.character(backend) || length(backend) != 1L || !backend %in% c("tensorflow", "jax", "torch")) {
    pk_stop_input("use_backend(): `backend` is \"tensorflow\", \"jax\" or \"torch\"; got ", deparse(backend), ".")
  }
  running <- if (reticulate::py_available(initialize = FALSE) &&
                 reticulate::py_eval("'keras' in __import__('sys').modules")) keras$backend$backend()
  if (!is.null(running) && !identical(running, backend)) {
    pk_stop_input("use_backend(\"", backend, "\"): Keras already runs on ", running, " in this R session, and ",
                  "reads its backend once, when it starts. Start a new R session and call use_backend() before ",
                  "the first keras verb (or set KERAS_BACKEND=", backend, " before starting R).")
  }
  Sys.setenv(KERAS_BACKEND = backend)
  if (reticulate::py_available(initialize = FALSE)) {  # a running Python read its environment at its start
    reticulate::py_run_string(sprintf("import os; os.environ['KERAS_BACKEND'] = '%s'", backend))
  }
  invisible(backend)
}

#' @rdname use_implementation
#' @export
implementation <- function() {
  pk_python()
  keras
}

#' @rdname use_implementation
#' @export
is_keras_available <- function(version = NULL) {
  started <- tryCatch({
    pk_python()
    TRUE
  }, error = function(e) FALSE)
  if (!started || !reticulate::py_module_available("keras")) return(FALSE)
  is.null(version) || utils::compareVersion(keras$`__version__`, as.character(version)) >= 0
}

# An R-side input error, as pk_call() gives Python's (class pykerasr_input_error).
pk_stop_input <- function(...) {
  stop(errorCondition(paste0(...), class = c("pykerasr_input_error", "pykerasr_error"), call = NULL))
}
