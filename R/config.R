#' The configuration in use
#'
#' Starts Python if needed and reports the Python used (and why it was chosen), the versions
#' of pykeras_r, TensorFlow, Keras, numpy and reticulate, the Keras backend, the cache folder
#' and where each dataset file is found.
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
  cat("Cache:       ", x$cache_dir, "\n", sep = "")
  for (name in names(x$datasets)) {
    for (f in x$datasets[[name]]) {
      cat("  ", name, "/", f$file, ": ", f$found %||% "not found", "\n", sep = "")
    }
  }
  invisible(x)
}
