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
  keras <<- pk_delay_load_keras()
  # tensorflow R, used before pykerasr's first call, starts pykerasr's Python
  pk_suggest_python()
  # tensorflow R's and generics' evaluate() reach pykerasr's method, loaded before or after
  pk_register_evaluate_hooks()
  # Keras imported by other means (`tf$keras$layers$Dense(32)`) gets keras R 2.x's behaviour too
  pk_register_keras_load_hook()
}

# reticulate runs a hook when a Python module is first imported in the R session. When
# Keras comes in other than through pykerasr's start-up (a script's `import("tensorflow")`,
# then `tf$keras`), pykerasr starts: pk_bridge() turns on what keras R 2.x's scripts had from
# Keras 2 (whole-number doubles for layer classes, TensorFlow functions on symbolic tensors).
# Quiet if it cannot: pykerasr's first verb then says what is wrong.
pk_register_keras_load_hook <- function() {
  hook <- function() {
    if (isTRUE(.pk$starting) || !is.null(.pk$bridge)) return(invisible())
    tryCatch(pk_bridge(), error = function(e) NULL)
  }
  if ("py_register_load_hook" %in% getNamespaceExports("reticulate")) {
    getExportedValue("reticulate", "py_register_load_hook")("keras", hook)
  } else {
    # reticulate < 1.41 runs the same hooks, under this name, without exporting the registration
    setHook("reticulate::keras::load", hook)
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

# What to do when the chosen Python cannot be used: the doctor's `fix` field, and the
# last line of pk_python()'s errors.
pk_fix <- function(choice = .pk$choice) {
  kind <- if (is.null(choice)) "none" else choice$kind
  switch(
    kind,
    variable = ,
    missing = paste0(
      "point ", choice$variable, " to a Python >= 3.10 that has pykeras_r's ",
      "requirements (", paste(pk_python_requirements(), collapse = " "), "), or unset it ",
      "(Sys.unsetenv(\"", choice$variable, "\"), and remove it from ~/.Renviron) to use the ",
      "environment of install_pykeras_r(); then restart R."),
    project = paste0(
      "run `make setup` in the project folder ", pk_project_dir(), ", then restart R."),
    py_require = paste(
      "reticulate's py_require() needs the internet once, to fetch uv and the",
      "packages; or run install_pykeras_r(), which makes a lasting environment with pip;",
      "then restart R."),
    paste("run install_pykeras_r() (it makes the Python environment r-pykerasr with",
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

# Python's start-up, step by step: the steps pk_python() takes (stopping at the first that
# fails) and pk_doctor() reports (a row each, going on where it can). Each step is a doctor
# row, list(check, status, detail, fix), with `error` where pk_python()'s message words it
# otherwise. Returns list(rows, python, module): `python` the path of the running Python (NULL
# if none started), `module` the bundled pykeras_r if it imported with the R package's version.
pk_start_python <- function() {
  rows <- list()
  step <- function(check, status, detail, fix = "", error = NULL) {
    rows[[length(rows) + 1L]] <<- c(pk_doctor_row(check, status, detail, fix), list(error = error))
  }
  done <- function(python = NULL, module = NULL) list(rows = rows, python = python, module = module)

  # Which Python, and why: decided without starting it.
  started <- reticulate::py_available(initialize = FALSE)
  choice <- .pk$choice %||% pk_python_choice()
  if (choice$kind %in% c("missing", "incomplete", "none")) {
    step("Python choice", "FAIL", choice$problem, pk_fix(choice))
    return(done())  # nothing started: a later call may choose again
  }
  step("Python choice", "OK", if (is.null(choice$path)) paste0("chosen by ", choice$reason) else
    paste0(choice$path, ", chosen by ", choice$reason, "; it exists"))
  # Remembered before anything can fail, so that later messages say why it was chosen.
  .pk$choice <- choice

  if (!started) {
    failure <- tryCatch(suppressWarnings({
      pk_use_python(choice)
      reticulate::py_config()
      NULL
    }), error = function(e) pk_python_message(conditionMessage(e)))
    if (!is.null(failure) || !reticulate::py_available(initialize = FALSE)) {
      step("Python starts", "FAIL",
           paste0(choice$path %||% "the py_require() environment", " does not start in R: ",
                  failure %||% "reticulate could not initialise it"), pk_fix(choice))
      return(done())
    }
  }
  python <- reticulate::py_exe()
  step("Python starts", "OK", paste0("Python ", reticulate::py_config()$version, " at ", python,
                                     " runs in this R session"))

  # pykeras_r (the copy bundled in this R package), with the R package's version.
  module <- tryCatch(pk_import_bundled(), error = function(e) e)
  if (inherits(module, "error")) {
    step("pykeras_r version", "FAIL",
         paste0("cannot import the Python package pykeras_r with ", python, " (chosen by ",
                choice$reason, "): ", pk_python_message(conditionMessage(module))),
         pk_fix(choice))
    return(done(python))
  }
  py_version <- tryCatch(as.character(module$`__version__`), error = function(e) "unknown")
  where <- tryCatch(dirname(as.character(module$`__file__`)), error = function(e) "?")
  r_version <- as.character(utils::packageVersion("pykerasr"))
  if (!identical(py_version, r_version)) {
    step("pykeras_r version", "FAIL",
         paste0("the R package pykerasr is ", r_version, " but the pykeras_r already imported from ",
                where, " is ", py_version),
         "restart R, so that pykerasr imports its own copy",
         error = paste0("version mismatch: the R package is ", r_version, " but the pykeras_r ",
                        "already imported in ", python, " (from ", where, ") is ", py_version))
    return(done(python))
  }
  step("pykeras_r version", "OK",
       paste0("pykeras_r ", py_version, " at ", where, " matches the R package pykerasr ", r_version))
  # Before TensorFlow is imported: its start-up notices shown as they are, if asked for.
  if (pk_tensorflow_log_all()) reticulate::import("pykeras_r._startup")$show_all()

  # Its requirements, checked before anything imports them.
  requirements <- pk_python_requirements()
  missing <- unlist(pk_import_bridge()$missing_modules(requirements))
  if (length(missing)) {
    step("Python requirements", "FAIL",
         paste0(python, " (chosen by ", choice$reason, ") lacks pykeras_r's Python requirements ",
                "(not found there: ", paste(missing, collapse = ", "), ")"),
         pk_fix(choice))
  } else {
    step("Python requirements", "OK", paste0("all found: ", paste(requirements, collapse = " ")))
  }
  done(python, module)
}

# options(pykerasr.tensorflow_log = "all") (or TRUE): TensorFlow's start-up log unfiltered.
pk_tensorflow_log_all <- function() {
  value <- getOption("pykerasr.tensorflow_log")
  isTRUE(value) || identical(value, "all")
}

# pykeras_r.bridge in the running Python, without pk_python()'s checks: for the start-up and
# the doctor, which make them. Other code calls pk_bridge() (R/bridge.R).
pk_import_bridge <- function() reticulate::import("pykeras_r.bridge", convert = TRUE)

# A fix as the end of a sentence.
pk_sentence <- function(x) if (endsWith(x, ".")) x else paste0(x, ".")

# The pykeras_r Python module (its public API): imported on first use, checked once per
# session; the first failed start-up step stops with its fix.
pk_python <- function() {
  if (!is.null(.pk$module)) return(.pk$module)
  .pk$starting <- TRUE
  on.exit(.pk$starting <- FALSE)
  start <- pk_start_python()
  for (row in start$rows) {
    if (row$status == "FAIL") {
      pk_stop(row$error %||% row$detail, ".\nTo fix: ", pk_sentence(row$fix))
    }
  }
  .pk$module <- start$module
  start$module
}
