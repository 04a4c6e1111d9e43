#' Install the Python side of pykerasr
#'
#' keras R's `install_keras()` for pykerasr: makes a Python virtual environment (Python's
#' `venv`) in reticulate's folder for them ([reticulate::virtualenv_root()], usually
#' `~/.virtualenvs`), and installs pykeras_r's runtime requirements into it with pip
#' (TensorFlow, Keras, numpy, matplotlib, Pillow, xxhash; their versions are the table
#' `python/pykeras_r/runtime-requirements.txt` inside this package). pykerasr then uses that
#' environment on its own, in every R session; the Python code itself is the copy of pykeras_r
#' carried by this R package, so the two are always the same version.
#'
#' Every Python it starts (the starter, venv, pip, the checks) gets its own library first on
#' the library search path (on Linux, R's `LD_LIBRARY_PATH` would otherwise make a pyenv or
#' self-built Python load the system's libpython, and lose `ssl`). A starter Python that cannot
#' be used (older than 3.10, no `venv`, no `ssl`) is named, and the next one is tried. When pip
#' fails, the error names the cause from pip's own output: no `ssl` (and why), no network, no
#' version of a package for this Python, a full disk.
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
#' It also makes the environment reticulate's fallback Python: a line
#' `RETICULATE_PYTHON_FALLBACK=<its python>` in your user `.Renviron` (`R_ENVIRON_USER`, else
#' `~/.Renviron`), marked as pykerasr's. reticulate (>= 1.36) uses it only where nothing else
#' asks for a Python, so TensorFlow for R finds pykerasr's Python even when it is used before
#' `library(pykerasr)` (a `tensorflow::as_tensor(1)` setup chunk). The file is rewritten
#' atomically with every other line kept; a `RETICULATE_PYTHON_FALLBACK` that is not pykerasr's
#' is left alone (and named). `remember = FALSE` leaves the file untouched.
#'
#' @param envname Name of the environment (or a path). pykerasr finds `"r-pykerasr"` by
#'   itself; for another name, set `PYKERASR_PYTHON` to its Python, as printed at the end.
#' @param python The Python (>= 3.10, with its `venv` and `ssl` modules) to make the
#'   environment from; `NULL` tries, in order, reticulate's `virtualenv_starter()` (reticulate
#'   >= 1.31), then `python3`, `python` and `python3.13` ... `python3.10` on the `PATH`.
#' @param force If `TRUE`, make the environment again even if it is good.
#' @param remember If `TRUE`, record the environment as reticulate's fallback Python in your
#'   user `.Renviron` (see above).
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
install_pykeras_r <- function(envname = "r-pykerasr", python = NULL, force = FALSE, remember = TRUE) {
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
      if (isTRUE(remember)) pk_remember_python(state$python)
      pk_say_how_to_use(envname, state$python)
      return(invisible(state$python))
    }
    pk_say("the environment is broken (", paste(problems, collapse = "; "), "): making it again")
  } else if (state$state != "absent") {
    pk_say(state$problem, ": making it again")
  }
  pk_remove_environment(dir)

  # Each starter Python in turn, until one makes a working environment; one that cannot is
  # named, with why, and the next is tried (a Python given as `python` is the only one).
  candidates <- pk_starter_candidates(python)
  tried <- character(0)
  seen <- character(0)
  made <- FALSE
  for (i in seq_along(candidates)) {
    candidate <- candidates[[i]]
    probe <- pk_python_probe(candidate)
    if (probe$runs && probe$executable %in% seen) next  # python3 and python3.11, one Python
    seen <- c(seen, probe$executable)
    problem <- pk_starter_problem(probe)
    if (is.null(problem)) {
      pk_say("making the environment from ", candidate, if (!identical(probe$executable, candidate))
        paste0(" (", probe$executable, ")"), ", Python ", probe$version)
      failure <- pk_make_environment(dir, candidate, probe, requirements)
      if (is.null(failure)) {
        made <- TRUE
        break
      }
      pk_remove_environment(dir, quietly = TRUE)
      # What another Python would not mend (the network, the disk, pip) stops here.
      if (!isTRUE(failure$starter) || length(candidates) == 1L) pk_install_failed(dir, failure$what, failure$fix)
      problem <- failure$what
    }
    tried <- c(tried, paste0(candidate, " (", problem, ")"))
    if (i < length(candidates)) pk_say(candidate, " cannot be used: ", problem, "; trying the next Python")
  }
  if (!made) {
    pk_stop("install_pykeras_r() needs a Python >= 3.10 with its venv module and ssl; ",
            if (length(tried)) paste0("tried: ", paste(tried, collapse = "; ")) else "none found on the PATH",
            ".\nTo fix: install Python 3.10 or newer (e.g. reticulate::install_python(), or on ",
            "Debian/Ubuntu `sudo apt install python3-venv`), or pass python = \"/path/to/python3\".",
            class = "pykerasr_install_error")
  }
  env_python <- pk_env_python(dir)
  pk_write_environment_record(dir, requirements, env_python)
  pk_say("done in ", format(round(difftime(Sys.time(), started, units = "secs"), 1)))
  if (isTRUE(remember)) pk_remember_python(env_python)
  pk_say_how_to_use(envname, env_python)
  invisible(env_python)
}

pk_remove_environment <- function(dir, quietly = FALSE) {
  if (!dir.exists(dir)) return(invisible())
  if (!quietly) pk_say("removing ", dir)
  unlink(dir, recursive = TRUE, force = TRUE)
  if (dir.exists(dir)) pk_install_failed(dir, paste("cannot remove", dir), "remove it by hand")
}

# The environment made from `starter` (probed): venv, then pykeras_r._install (import ssl,
# then pip, which names the cause when it fails), then every requirement checked. NULL when
# all went well, else list(what, fix, starter): `starter` TRUE when another Python may do.
pk_make_environment <- function(dir, starter, probe, requirements) {
  libdir <- probe$libdir
  out <- pk_system2_python(starter, c("-m", "venv", shQuote(dir)), libdir, stdout = TRUE, stderr = TRUE)
  env_python <- pk_env_python(dir)
  if (!is.null(attr(out, "status")) || !file.exists(env_python)) {
    return(list(what = paste0("cannot make a virtual environment with ", starter, ": ",
                              paste(utils::tail(out, 3L), collapse = " ")),
                fix = "install Python's venv module (Debian/Ubuntu: sudo apt install python3-venv)",
                starter = TRUE))
  }
  pk_say("installing the requirements with pip (its messages follow)")
  out <- pk_system2_python(env_python, c("-m", "pykeras_r._install", shQuote(requirements)), libdir,
                           vars = c(PYTHONPATH = pk_bundled_python_dir()), stdout = TRUE, stderr = "")
  status <- attr(out, "status") %||% 0L
  if (status != 0L) {
    field <- function(name) sub(paste0("^", name, ": "), "", grep(paste0("^", name, ": "), out, value = TRUE))[1L]
    if (is.na(field("WHAT"))) {
      return(list(what = paste0("pip could not install pykeras_r's requirements (exit status ", status,
                                "; its messages are above)"), fix = "read pip's messages above for the cause"))
    }
    # No ssl is the starter's fault: another Python may have it.
    return(list(what = field("WHAT"), fix = field("FIX"), starter = startsWith(field("KIND"), "ssl")))
  }
  pk_say("checking every package: installed in its range, and importable")
  problems <- pk_environment_unmet(env_python, requirements, libdir)
  if (length(problems)) {
    return(list(what = paste0("the packages pip installed do not work in ", starter, ": ",
                              paste(problems, collapse = "; ")),
                fix = "try another Python >= 3.10 with install_pykeras_r(python = ...)"))
  }
  NULL
}

# The first reticulate that converts numpy 2 arrays (2.1 and later) to R arrays.
pk_reticulate_for_numpy_2 <- "1.39"

pk_needs_numpy_below_2 <- function() pk_reticulate_version() < pk_reticulate_for_numpy_2

# The runtime requirements, with numpy < 2 for a reticulate that needs it.
pk_environment_requirements <- function() {
  c(pk_python_requirements(), if (pk_needs_numpy_below_2()) "numpy<2")
}

pk_environment_dir <- function(envname = "r-pykerasr") {
  if (grepl("[/\\\\]", envname)) return(normalizePath(envname, mustWork = FALSE))
  file.path(normalizePath(path.expand(reticulate::virtualenv_root()), mustWork = FALSE), envname)
}

# The environment's Python, in the layout of the OS: Scripts/python.exe on Windows,
# bin/python elsewhere (reticulate's virtualenv_python() needs the environment to exist).
pk_env_python <- function(dir, windows = .Platform$OS.type == "windows") {
  if (windows) file.path(dir, "Scripts", "python.exe") else file.path(dir, "bin", "python")
}

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
    return(state("incomplete", paste0(what, " is not finished (it has no Python, ", python,
                                      "): its install was interrupted or failed, or it was deleted")))
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

# What the environment's Python lacks (character(0) when every requirement holds). `libdir`:
# its libpython's folder (pk_python_probe()), put first on the library search path.
pk_environment_unmet <- function(python, requirements, libdir = pk_python_probe(python)$libdir) {
  if (!file.exists(python)) return(paste(python, "does not exist"))
  out <- pk_system2_python(python, c("-m", "pykeras_r.bridge", shQuote(requirements)), libdir,
                           vars = c(PYTHONPATH = pk_bundled_python_dir()), stdout = TRUE, stderr = FALSE)
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

# The Pythons to make the environment from, in order: `python` alone if given; else
# reticulate's virtualenv_starter() (reticulate >= 1.31), then the PATH's python3, python and
# python3.13 ... python3.10.
pk_starter_candidates <- function(python = NULL) {
  if (!is.null(python)) return(path.expand(python))
  candidates <- character(0)
  if ("virtualenv_starter" %in% getNamespaceExports("reticulate")) {
    starter <- tryCatch(getExportedValue("reticulate", "virtualenv_starter")(">=3.10"),
                        error = function(e) NULL)
    candidates <- c(candidates, starter)
  }
  candidates <- c(candidates, Sys.which(c("python3", "python", paste0("python3.", 13:10))))
  unname(unique(candidates[nzchar(candidates)]))
}

# Why a probed Python cannot make the environment, or NULL when it can.
pk_starter_problem <- function(probe) {
  if (!isTRUE(probe$runs)) return("it does not run")
  if (utils::compareVersion(probe$version, "3.10") < 0) return(paste0("Python ", probe$version, ", older than 3.10"))
  if (nzchar(probe$venv)) return(paste0("Python ", probe$version, " without its venv module: ", probe$venv))
  NULL
}

pk_install_failed <- function(dir, what, fix) {
  pk_stop("install_pykeras_r() failed: ", what, ".\nThe half-made environment ", dir,
          " was removed; nothing will use it.\nTo fix: ", fix, "; then run install_pykeras_r() again.",
          class = "pykerasr_install_error")
}

pk_say <- function(...) message("install_pykeras_r(): ", ...)

pk_renviron_mark <- "# RETICULATE_PYTHON_FALLBACK below: set by pykerasr::install_pykeras_r()"

# `python` as reticulate's fallback Python (RETICULATE_PYTHON_FALLBACK, read only where nothing
# else asks for a Python) in the user's .Renviron, so that tensorflow R used before
# library(pykerasr) finds it. Atomic: a temporary file beside it, then a rename; every other
# line is kept, and a fallback the user set themselves is left as it is.
pk_remember_python <- function(python, renviron = Sys.getenv("R_ENVIRON_USER", "~/.Renviron")) {
  path <- path.expand(renviron)
  if (file.exists(path) && isTRUE(nzchar(Sys.readlink(path)))) path <- normalizePath(path)  # a linked .Renviron: write its target
  lines <- if (file.exists(path)) readLines(path, warn = FALSE) else character(0)
  setting <- grep("^[[:space:]]*RETICULATE_PYTHON_FALLBACK[[:space:]]*=", lines)
  ours <- setting[setting > 1L & lines[pmax(setting - 1L, 1L)] == pk_renviron_mark]
  if (length(setdiff(setting, ours))) {
    pk_say(path, " already sets RETICULATE_PYTHON_FALLBACK (", trimws(lines[setdiff(setting, ours)[1]]),
           "): left as it is; tensorflow R used before library(pykerasr) finds that Python")
    return(invisible(FALSE))
  }
  wanted <- c(pk_renviron_mark, paste0("RETICULATE_PYTHON_FALLBACK=", python))
  if (length(ours) == 1L && identical(lines[c(ours - 1L, ours)], wanted)) return(invisible(TRUE))
  if (length(ours)) lines <- lines[-c(ours - 1L, ours)]
  dir.create(dirname(path), showWarnings = FALSE, recursive = TRUE)
  temporary <- tempfile(".Renviron-", tmpdir = dirname(path))
  writeLines(c(lines, wanted), temporary)
  if (!file.rename(temporary, path)) {
    unlink(temporary)
    pk_say("could not write ", path, ": tensorflow R used before library(pykerasr) will not find this environment")
    return(invisible(FALSE))
  }
  Sys.setenv(RETICULATE_PYTHON_FALLBACK = python)
  pk_say("recorded in ", path, " as reticulate's fallback Python (RETICULATE_PYTHON_FALLBACK): ",
         "tensorflow R finds it too, even before library(pykerasr)")
  invisible(TRUE)
}

pk_say_how_to_use <- function(envname, python) {
  if (identical(envname, "r-pykerasr")) {
    pk_say("pykerasr uses this environment in new R sessions",
           if (reticulate::py_available(initialize = FALSE)) " (Python already runs in this one: restart R)")
  } else {
    pk_say("to use it, set PYKERASR_PYTHON=", python, " (e.g. in ~/.Renviron), then restart R")
  }
}

#' keras R 2.x's install_keras(): pykerasr's Python environment
#'
#' A keras R 2.x set-up script calls `install_keras()` once, to install TensorFlow and Keras into
#' a Python environment. For pykerasr that environment is [install_pykeras_r()]'s (Keras 3, the
#' TensorFlow versions pykerasr is tested with, numpy, and pykeras_r's other requirements), so
#' `install_keras()` says so in a message and runs `install_pykeras_r()`: a script that calls it
#' gets the environment pykerasr uses, and calling it again is quick. What keras R 2.x's
#' arguments asked for that pykerasr's environment cannot honour is refused, before anything
#' is installed: a conda environment (`method = "conda"`), another TensorFlow version, extra
#' packages (install them afterwards into that environment with `reticulate::py_install()`).
#'
#' @param method `"auto"` or `"virtualenv"` (both: a virtual environment); `"conda"` is refused.
#' @param conda Unused (conda is not used).
#' @param version,tensorflow `"default"` (also `"default-cpu"`, `"default-gpu"`, `"cpu"`, `"gpu"`):
#'   the TensorFlow pykerasr is tested with; another version is refused.
#' @param extra_packages Must be `NULL`.
#' @param ... `envname`, `python` and `force`, passed to [install_pykeras_r()].
#' @return As [install_pykeras_r()]: the environment's Python, invisibly.
#' @export
install_keras <- function(method = c("auto", "virtualenv", "conda"), conda = "auto", version = "default",
                          tensorflow = version, extra_packages = NULL, ...) {
  method <- as_py_choice(method)
  fix <- "call install_pykeras_r() (what install_keras() runs in pykerasr) without it"
  if (identical(method, "conda")) {
    pk_stop_input("install_keras(method = \"conda\"): pykerasr's Python environment is a virtual environment ",
                  "(Python's venv), not a conda one; ", fix, ".")
  }
  if (!tensorflow %in% c("default", "default-cpu", "default-gpu", "cpu", "gpu")) {
    pk_stop_input("install_keras(tensorflow = \"", tensorflow, "\"): pykerasr installs the TensorFlow versions ",
                  "it is tested with (", paste(grep("^tensorflow", pk_environment_requirements(), value = TRUE),
                                             collapse = ", "), "), not another; ", fix, ".")
  }
  if (length(extra_packages)) {
    pk_stop_input("install_keras(extra_packages = ...): pykerasr's environment holds its own requirements; ",
                  fix, ", then add the packages with reticulate::py_install(c(\"",
                  paste(extra_packages, collapse = "\", \""), "\"), envname = \"r-pykerasr\").")
  }
  message("install_keras(): pykerasr's Python environment is install_pykeras_r()'s; running install_pykeras_r().")
  install_pykeras_r(...)
}
