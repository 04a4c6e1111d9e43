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
