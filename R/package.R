#' pykerasr: the course's Keras lessons in R, backed by one Python implementation
#'
#' `library(pykerasr)` provides the keras R verbs the course's lab sheets use
#' ([keras_model_sequential()], [layer_dense()], [compile()], [fit()], [evaluate()],
#' [predict()][predict.keras.src.models.model.Model], [predict_classes()], ...), the
#' datasets ([dataset_fashion_mnist()]), the lesson models ([pk_model()]) and the lesson's
#' prediction grid ([pk_plot_prediction_grid()]). Every one of them is a thin call into the
#' Python package `pykeras_r`, the single source of truth that the Python lessons use too.
#' The R package carries that Python code (its `python/` folder), so the two are always of
#' the same version.
#'
#' Loading the package starts no Python. On first use it picks the Python to use, in this
#' order:
#'
#' 1. the environment variable `PYKERASR_PYTHON`;
#' 2. the environment variable `RETICULATE_PYTHON`;
#' 3. the project's `.venv`, for developers: recorded when `make setup` installed the package
#'    from a checkout;
#' 4. the virtual environment [install_pykeras_r()] made (`r-pykerasr`, in reticulate's
#'    folder of virtual environments);
#' 5. with reticulate >= 1.41, `py_require()`: reticulate makes (once, then reuses) an
#'    environment with pykeras_r's Python requirements, which the package declares when it
#'    is loaded.
#'
#' With none of these, the first call stops with an error that says to run
#' [install_pykeras_r()]. A `venv/` or `.venv/` in the working directory is never used by
#' accident. [pk_config()] and [pk_doctor()] show which Python is used, and why.
#'
#' @keywords internal
"_PACKAGE"

# Per-session state: the imported Python modules and the Python choice.
.pk <- new.env(parent = emptyenv())

# The first reticulate with py_require().
pk_reticulate_for_py_require <- "1.41"

.onLoad <- function(libname, pkgname) {
  # Declares only; starts no Python. Used by reticulate when no other Python is chosen.
  if (pk_reticulate_has_py_require()) {
    py_require <- getExportedValue("reticulate", "py_require")
    py_require(pk_python_requirements())
  }
}

pk_reticulate_version <- function() utils::packageVersion("reticulate")

pk_reticulate_has_py_require <- function() {
  pk_reticulate_version() >= pk_reticulate_for_py_require
}

# The folder holding the bundled Python package (<library>/pykerasr/python).
pk_bundled_python_dir <- function() {
  system.file("python", package = "pykerasr", mustWork = TRUE)
}

# pykeras_r's runtime requirements, from their one table in the bundled Python package.
pk_python_requirements <- function() {
  lines <- readLines(file.path(pk_bundled_python_dir(), "pykeras_r", "runtime-requirements.txt"),
                     warn = FALSE)
  lines <- trimws(sub("#.*$", "", lines))
  lines[nzchar(lines)]
}

# Where `make setup` records the project's Python (a developer's install from a checkout).
pk_recorded_python <- function() {
  f <- system.file("python-path", package = "pykerasr")
  if (!nzchar(f)) return("")
  trimws(readLines(f, n = 1L, warn = FALSE))
}

# The Python to use and why, without starting Python: a list with `kind` (one of
# "variable", "project", "installer", "py_require", "running", and the unusable "missing",
# "incomplete", "none"), `path` (NULL for py_require), `reason` and, where unusable, `problem`.
pk_python_choice <- function() {
  if (reticulate::py_available(initialize = FALSE)) {
    return(list(kind = "running", path = reticulate::py_exe(),
                reason = paste("Python was already running in this R session before pykerasr's",
                               "first call (started by reticulate or another package)")))
  }
  for (var in c("PYKERASR_PYTHON", "RETICULATE_PYTHON")) {
    value <- Sys.getenv(var)
    if (var == "RETICULATE_PYTHON" && identical(value, "managed")) {
      return(list(kind = "py_require", path = NULL, variable = var,
                  reason = "RETICULATE_PYTHON=managed: reticulate's py_require() environment"))
    }
    if (nzchar(value)) {
      choice <- list(kind = "variable", path = value, variable = var,
                     reason = paste0("the environment variable ", var))
      if (!file.exists(value)) {
        choice$kind <- "missing"
        choice$problem <- paste0(value, " (", var, ") does not exist")
      }
      return(choice)
    }
  }
  recorded <- pk_recorded_python()
  if (nzchar(recorded) && file.exists(recorded)) {
    return(list(kind = "project", path = recorded,
                reason = "the project's .venv, recorded by `make setup`"))
  }
  env <- pk_environment_state()
  if (env$state == "ready") {
    return(list(kind = "installer", path = env$python,
                reason = paste0("the environment install_pykeras_r() made (", env$dir, ")")))
  }
  if (env$state != "absent") {
    return(list(kind = "incomplete", path = env$python,
                reason = paste0("the environment install_pykeras_r() makes (", env$dir, ")"),
                problem = env$problem))
  }
  if (pk_reticulate_has_py_require()) {
    return(list(kind = "py_require", path = NULL,
                reason = paste0("py_require(): reticulate ", pk_reticulate_version(),
                                " makes an environment with pykeras_r's requirements")))
  }
  list(kind = "none", path = NULL, reason = "nothing",
       problem = paste0(
         "no Python for pykerasr was found: PYKERASR_PYTHON and RETICULATE_PYTHON are unset, ",
         "install_pykeras_r() has not made its environment (", pk_environment_dir(), "), and ",
         "reticulate ", pk_reticulate_version(), " has no py_require() (reticulate >= ",
         pk_reticulate_for_py_require, " would make one itself)"))
}

# What to do when the chosen Python cannot be used.
pk_fix_hint <- function(choice = .pk$choice) {
  kind <- if (is.null(choice)) "none" else choice$kind
  switch(
    kind,
    variable = ,
    missing = paste0(
      "To fix: point ", choice$variable, " to a Python >= 3.10 that has pykeras_r's ",
      "requirements (", paste(pk_python_requirements(), collapse = " "), "), or unset it ",
      "(Sys.unsetenv(\"", choice$variable, "\"), and remove it from ~/.Renviron) to use the ",
      "environment of install_pykeras_r(); then restart R."),
    project = paste0(
      "To fix: run `make setup` in the project folder ", pk_project_dir(), ", then restart R."),
    py_require = paste(
      "To fix: reticulate's py_require() needs the internet once, to fetch uv and the",
      "packages; or run install_pykeras_r(), which makes a lasting environment with pip;",
      "then restart R."),
    paste("To fix: run install_pykeras_r() (it makes the Python environment r-pykerasr with",
          "pykeras_r's requirements; running it again repairs it), then restart R.")
  )
}

pk_stop <- function(..., class = NULL) {
  stop(errorCondition(paste0("pykerasr: ", ...), class = c(class, "pykerasr_setup_error",
                                                           "pykerasr_error"), call = NULL))
}

# Make reticulate use the chosen Python, before it starts one.
pk_use_python <- function(choice) {
  if (choice$kind == "py_require") {
    # Forces py_require()'s environment, before a venv/ or .venv/ in the working directory.
    Sys.setenv(RETICULATE_PYTHON = "managed")
    return(invisible())
  }
  # Set before reticulate looks for a Python: otherwise reticulate 1.28 mistakes a
  # pyproject.toml in the working directory for a Poetry project, and reticulate >= 1.41
  # prefers a venv/ or .venv/ there.
  Sys.setenv(RETICULATE_PYTHON = choice$path)
  reticulate::use_python(choice$path, required = TRUE)
}

# pykeras_r, always the copy bundled in this R package (so the two never differ), imported
# into the Python reticulate runs.
pk_import_bundled <- function() {
  reticulate::import_from_path("pykeras_r", path = pk_bundled_python_dir(), convert = TRUE)
}

# The pykeras_r Python module: imported on first use, checked once per session.
pk_python <- function() {
  if (!is.null(.pk$module)) return(.pk$module)
  if (is.null(.pk$choice)) {
    choice <- pk_python_choice()
    if (choice$kind %in% c("missing", "incomplete", "none")) {
      pk_stop(choice$problem, ".\n", pk_fix_hint(choice))  # nothing started: may retry
    }
    # Remembered before anything can fail, so that later messages say why it was chosen.
    .pk$choice <- choice
    if (choice$kind != "running") pk_use_python(choice)
  }
  choice <- .pk$choice
  module <- tryCatch(
    pk_import_bundled(),
    error = function(e) {
      python <- if (reticulate::py_available(initialize = FALSE)) reticulate::py_exe() else
        choice$path %||% "the py_require() environment"
      pk_stop("cannot import the Python package pykeras_r with ", python, " (chosen by ",
              choice$reason, "): ", pk_python_message(conditionMessage(e)), "\n",
              pk_fix_hint(choice))
    }
  )
  py_version <- module$`__version__`
  r_version <- as.character(utils::packageVersion("pykerasr"))
  if (!identical(py_version, r_version)) {
    pk_stop("version mismatch: the R package is ", r_version, " but the pykeras_r already ",
            "imported in ", reticulate::py_exe(), " (from ", dirname(module$`__file__`),
            ") is ", py_version, ".\nTo fix: restart R, so that pykerasr imports its own copy.")
  }
  missing <- unlist(reticulate::import("pykeras_r._requirements")$missing_modules(pk_python_requirements()))
  if (length(missing)) {
    pk_stop(reticulate::py_exe(), " (chosen by ", choice$reason, ") lacks pykeras_r's Python ",
            "requirements (not found there: ", paste(missing, collapse = ", "), ").\n",
            pk_fix_hint(choice))
  }
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
