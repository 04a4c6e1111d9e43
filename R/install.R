#' Install the Python side of pykerasr
#'
#' keras R's `install_keras()` for pykerasr: makes a Python virtual environment with
#' reticulate's own functions ([reticulate::virtualenv_create()],
#' [reticulate::virtualenv_install()]), in reticulate's folder for them
#' ([reticulate::virtualenv_root()], usually `~/.virtualenvs`), and installs pykeras_r's
#' runtime requirements into it with pip (TensorFlow, Keras, numpy, matplotlib, Pillow,
#' xxhash; their versions are the table `python/pykeras_r/runtime-requirements.txt` inside
#' this package). pykerasr then uses that environment on its own, in every R session; the
#' Python code itself is the copy of pykeras_r carried by this R package, so the two are
#' always the same version.
#'
#' With a reticulate older than 1.39 it also asks for `numpy < 2`: such a reticulate hands
#' numpy 2 arrays to R unconverted. Newer reticulate gets numpy 2.
#'
#' Run it once. Running it again is quick when the environment is good (its packages are
#' checked, and imported) and makes it again when it is not: a broken or half-made
#' environment is never used, because the environment counts as made only once every
#' package is installed and imports (a record, `pykerasr-environment.dcf`, is written last).
#' When pip fails (offline, say), the half-made environment is removed and the error says
#' what failed.
#'
#' With reticulate >= 1.41 this step is optional: without the environment, pykerasr asks
#' reticulate's `py_require()` for the same requirements.
#'
#' @param envname Name of the environment (or a path). pykerasr finds `"r-pykerasr"` by
#'   itself; for another name, set `PYKERASR_PYTHON` to its Python, as printed at the end.
#' @param python The Python (>= 3.10, with its `venv` module) to make the environment from;
#'   `NULL` finds one (`python3` on the `PATH`, or reticulate's [reticulate::virtualenv_starter()]).
#' @param force If `TRUE`, make the environment again even if it is good.
#' @return Invisibly, the path of the environment's Python.
#' @examples
#' \dontrun{
#' install.packages("pykerasr_0.1.0.tar.gz", repos = NULL)
#' pykerasr::install_pykeras_r()
#' # then, in a new R session:
#' library(pykerasr)
#' c(c(x_train, y_train), c(x_test, y_test)) %<-% dataset_fashion_mnist()
#' }
#' @export
install_pykeras_r <- function(envname = "r-pykerasr", python = NULL, force = FALSE) {
  started <- Sys.time()
  requirements <- pk_environment_requirements()
  dir <- pk_environment_dir(envname)
  pk_say("environment ", dir)
  pk_say("requirements: ", paste(requirements, collapse = " "),
         if (pk_needs_numpy_below_2()) paste0(" (numpy < 2: reticulate ", pk_reticulate_version(),
                                              " converts numpy 2 arrays only from ",
                                              pk_reticulate_for_numpy_2, " on)"))
  state <- pk_environment_state(envname)
  if (state$state == "ready" && !isTRUE(force)) {
    problems <- pk_environment_unmet(state$python, requirements)
    if (!length(problems)) {
      pk_say("the environment is complete (every package checked and imported): nothing to do (",
             format(round(difftime(Sys.time(), started, units = "secs"), 1)), ")")
      pk_say_how_to_use(envname, state$python)
      return(invisible(state$python))
    }
    pk_say("the environment is broken (", paste(problems, collapse = "; "), "): making it again")
  } else if (state$state != "absent") {
    pk_say(state$problem, ": making it again")
  }
  if (dir.exists(dir)) {
    pk_say("removing ", dir)
    unlink(dir, recursive = TRUE, force = TRUE)
    if (dir.exists(dir)) pk_install_failed(dir, paste("cannot remove", dir), "remove it by hand")
  }

  starter <- pk_starter_python(python)
  pk_say("making the environment from ", starter)
  failure <- tryCatch({
    reticulate::virtualenv_create(dir, python = starter, packages = FALSE)
    NULL
  }, error = function(e) paste0("cannot make a virtual environment with ", starter, ": ", conditionMessage(e)))
  if (is.null(failure)) {
    pk_say("installing the requirements with pip (its messages follow)")
    failure <- tryCatch({
      reticulate::virtualenv_install(dir, packages = requirements, ignore_installed = FALSE)
      NULL
    }, error = function(e) "pip could not install pykeras_r's requirements (its messages are above)")
  }
  fix <- paste("check the internet connection: pip must reach its package index (PyPI, or the",
               "index pip.conf names; behind a proxy, set https_proxy)")
  env_python <- pk_env_python(dir)
  if (is.null(failure)) {
    pk_say("checking every package: installed in its range, and importable")
    problems <- pk_environment_unmet(env_python, requirements)
    if (length(problems)) {
      failure <- paste0("the packages pip installed do not work in ", starter, ": ",
                     paste(problems, collapse = "; "))
      fix <- "try another Python >= 3.10 with install_pykeras_r(python = ...)"
    }
  }
  if (!is.null(failure)) {
    unlink(dir, recursive = TRUE, force = TRUE)
    pk_install_failed(dir, failure, fix)
  }
  pk_write_environment_record(dir, requirements, env_python)
  pk_say("done in ", format(round(difftime(Sys.time(), started, units = "secs"), 1)))
  pk_say_how_to_use(envname, env_python)
  invisible(env_python)
}

# The first reticulate that converts numpy 2 arrays (2.1 and later) to R arrays.
pk_reticulate_for_numpy_2 <- "1.39"

pk_needs_numpy_below_2 <- function() pk_reticulate_version() < pk_reticulate_for_numpy_2

# The runtime requirements, with numpy < 2 for a reticulate that needs it.
pk_environment_requirements <- function() {
  c(pk_python_requirements(), if (pk_needs_numpy_below_2()) "numpy<2")
}

pk_environment_dir <- function(envname = "r-pykerasr") {
  if (grepl("/", envname, fixed = TRUE)) return(normalizePath(envname, mustWork = FALSE))
  file.path(normalizePath(path.expand(reticulate::virtualenv_root()), mustWork = FALSE), envname)
}

pk_env_python <- function(dir) file.path(dir, "bin", "python")

pk_environment_record <- function(dir) file.path(dir, "pykerasr-environment.dcf")

# The environment's state, from files only (no Python started): a list with `state`
# ("absent", "ready" or "incomplete"), `dir`, `python` and, when incomplete, `problem`.
pk_environment_state <- function(envname = "r-pykerasr") {
  dir <- pk_environment_dir(envname)
  python <- pk_env_python(dir)
  state <- function(s, problem = NULL) list(state = s, dir = dir, python = python, problem = problem)
  if (!dir.exists(dir)) return(state("absent"))
  what <- paste0("the environment ", dir)
  if (!file.exists(python)) {
    return(state("incomplete", paste0(what, " has no Python (", python, "): it was deleted or never finished")))
  }
  record <- pk_environment_record(dir)
  if (!file.exists(record)) {
    return(state("incomplete", paste0(what, " is not finished (", basename(record),
                                      ", written last, is missing): its install was interrupted or failed")))
  }
  made_for <- tryCatch(read.dcf(record, fields = "Requirements")[1L, 1L], error = function(e) NA)
  made_for <- unname(gsub("\\s+", " ", made_for))  # write.dcf() folds long lines
  wanted <- paste(pk_environment_requirements(), collapse = " ")
  if (!identical(made_for, wanted)) {
    return(state("incomplete", paste0(what, " was made for other requirements (", made_for,
                                      "); this pykerasr needs ", wanted)))
  }
  state("ready")
}

# What the environment's Python lacks (character(0) when every requirement holds).
pk_environment_unmet <- function(python, requirements) {
  if (!file.exists(python)) return(paste(python, "does not exist"))
  out <- suppressWarnings(system2(
    python, c("-m", "pykeras_r.bridge", shQuote(requirements)), stdout = TRUE, stderr = FALSE,
    env = paste0("PYTHONPATH=", shQuote(pk_bundled_python_dir()))))
  status <- attr(out, "status") %||% 0L
  if (status == 0L) return(character(0))
  if (!length(out)) out <- paste(python, "does not run (exit status", status, ")")
  out
}

# Written last, atomically: the environment counts as made only once this exists.
pk_write_environment_record <- function(dir, requirements, python) {
  record <- pk_environment_record(dir)
  tmp <- paste0(record, ".tmp")
  write.dcf(data.frame(
    Requirements = paste(requirements, collapse = " "),
    Python = python,
    Made.by = paste0("pykerasr ", utils::packageVersion("pykerasr"), " with reticulate ",
                     pk_reticulate_version()),
    Made.on = format(Sys.time(), "%Y-%m-%d %H:%M:%S %Z"),
    check.names = FALSE
  ), tmp)
  if (!file.rename(tmp, record)) pk_install_failed(dir, paste("cannot write", record), "check the disk")
}

# A Python >= 3.10 with venv to make the environment from.
pk_starter_python <- function(python = NULL) {
  candidates <- python
  if (is.null(candidates)) {
    if ("virtualenv_starter" %in% getNamespaceExports("reticulate")) {
      starter <- tryCatch(getExportedValue("reticulate", "virtualenv_starter")(">=3.10"),
                          error = function(e) NULL)
      candidates <- c(candidates, starter)
    }
    candidates <- c(candidates, Sys.which(c("python3", "python")))
  }
  candidates <- unique(candidates[nzchar(candidates)])
  tried <- character(0)
  for (candidate in candidates) {
    version <- suppressWarnings(tryCatch(system2(
      candidate, c("-c", shQuote("import sys, venv, ensurepip; print('%d.%d' % sys.version_info[:2])")),
      stdout = TRUE, stderr = FALSE), error = function(e) character(0)))
    ok <- length(version) == 1L && is.null(attr(version, "status")) &&
      utils::compareVersion(version, "3.10") >= 0
    if (ok) return(unname(candidate))
    tried <- c(tried, paste0(candidate, if (length(version) == 1L) paste0(" (Python ", version, ")")
                             else " (does not run, or lacks venv/ensurepip)"))
  }
  pk_stop("install_pykeras_r() needs a Python >= 3.10 with its venv module; ",
          if (length(tried)) paste0("tried: ", paste(tried, collapse = ", ")) else "none found on the PATH",
          ".\nTo fix: install Python 3.10 or newer (e.g. reticulate::install_python(), or on ",
          "Debian/Ubuntu `sudo apt install python3-venv`), or pass python = \"/path/to/python3\".",
          class = "pykerasr_install_error")
}

pk_install_failed <- function(dir, what, fix) {
  pk_stop("install_pykeras_r() failed: ", what, ".\nThe half-made environment ", dir,
          " was removed; nothing will use it.\nTo fix: ", fix, "; then run install_pykeras_r() again.",
          class = "pykerasr_install_error")
}

pk_say <- function(...) message("install_pykeras_r(): ", ...)

pk_say_how_to_use <- function(envname, python) {
  if (identical(envname, "r-pykerasr")) {
    pk_say("pykerasr uses this environment in new R sessions",
           if (reticulate::py_available(initialize = FALSE)) " (Python already runs in this one: restart R)")
  } else {
    pk_say("to use it, set PYKERASR_PYTHON=", python, " (e.g. in ~/.Renviron), then restart R")
  }
}
