#' pykerasr: the course's Keras lessons in R, backed by one Python implementation
#'
#' `library(pykerasr)` provides the keras R verbs the course's lab sheets use
#' ([keras_model_sequential()], [layer_dense()], [compile()], [fit()], [evaluate()],
#' [predict()][predict.keras.src.models.model.Model], [predict_classes()], ...), the
#' datasets ([dataset_fashion_mnist()]), the lesson models ([pk_model()]) and the lesson's
#' prediction grid ([pk_plot_prediction_grid()]). Every one of them is a thin call into the
#' Python package `pykeras_r`, the single source of truth that the Python lessons use too.
#'
#' Loading the package starts no Python. On first use it picks the Python to use, in this
#' order: the environment variable `PYKERASR_PYTHON`, then `RETICULATE_PYTHON`, then the
#' project's `.venv` recorded when `make setup` installed the package, then reticulate's
#' default. [pk_config()] shows which one is used, and why.
#'
#' @keywords internal
"_PACKAGE"

# Per-session state: the imported Python modules and the Python choice.
.pk <- new.env(parent = emptyenv())

# Where `make setup` records the project's Python (see the Makefile).
pk_recorded_python <- function() {
  f <- system.file("python-path", package = "pykerasr")
  if (!nzchar(f)) return("")
  trimws(readLines(f, n = 1L, warn = FALSE))
}

# The Python to use and why, without starting Python.
pk_python_choice <- function() {
  if (reticulate::py_available(initialize = FALSE)) {
    return(list(path = reticulate::py_exe(), reason = "Python was already running in this R session"))
  }
  for (var in c("PYKERASR_PYTHON", "RETICULATE_PYTHON")) {
    value <- Sys.getenv(var)
    if (nzchar(value)) return(list(path = value, reason = paste0("environment variable ", var)))
  }
  recorded <- pk_recorded_python()
  if (nzchar(recorded)) {
    return(list(path = recorded, reason = "the project's .venv, recorded by `make setup`"))
  }
  list(path = NULL, reason = "reticulate's default Python")
}

pk_fix_hint <- function() {
  paste(
    "To fix: run `make setup` in the pykeras_r project folder (it makes .venv, installs",
    "pykeras_r into it and reinstalls this R package), or point PYKERASR_PYTHON to a Python",
    "that has pykeras_r installed (pip install -e <project folder>), then restart R."
  )
}

# The pykeras_r Python module: imported on first use, checked once per session.
pk_python <- function() {
  if (!is.null(.pk$module)) return(.pk$module)
  choice <- pk_python_choice()
  if (!is.null(choice$path) && !reticulate::py_available(initialize = FALSE)) {
    if (!file.exists(choice$path)) {
      stop("pykerasr: the Python chosen by ", choice$reason, " does not exist: ", choice$path,
           "\n", pk_fix_hint(), call. = FALSE)
    }
    # Set before reticulate looks for a Python: otherwise reticulate 1.28 mistakes the
    # project's pyproject.toml for a Poetry project and warns (or picks Poetry's Python).
    Sys.setenv(RETICULATE_PYTHON = choice$path)
    reticulate::use_python(choice$path, required = TRUE)
  }
  module <- tryCatch(
    reticulate::import("pykeras_r", convert = TRUE),
    error = function(e) {
      python <- if (is.null(choice$path)) "reticulate's default Python" else choice$path
      stop("pykerasr: cannot import the Python package pykeras_r with ", python, " (chosen by ",
           choice$reason, "): ", pk_python_message(conditionMessage(e)), "\n", pk_fix_hint(),
           call. = FALSE)
    }
  )
  py_version <- module$`__version__`
  r_version <- as.character(utils::packageVersion("pykerasr"))
  if (!identical(py_version, r_version)) {
    stop("pykerasr: version mismatch: the R package is ", r_version, " but pykeras_r at ",
         reticulate::py_exe(), " is ", py_version, ".\n", pk_fix_hint(), call. = FALSE)
  }
  .pk$choice <- choice
  .pk$module <- module
  module
}

# A submodule of pykeras_r ("api", "data", "models", "plots", "lessons", "info").
pk_module <- function(name) {
  key <- paste0("module_", name)
  if (is.null(.pk[[key]])) {
    pk_python()
    .pk[[key]] <- reticulate::import(paste0("pykeras_r.", name), convert = TRUE)
  }
  .pk[[key]]
}
