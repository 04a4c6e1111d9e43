#' Check the set-up: one line per check, with the fix
#'
#' Checks, in order, and prints one line per check with its status (`OK`, `WARN`: works but
#' not as intended, `FAIL`: broken) and, where something is wrong, the exact fix:
#'
#' * R-side checks, which need no Python: the R and reticulate versions; the Python chosen
#'   (see [pk_config()] for the order: `PYKERASR_PYTHON`, `RETICULATE_PYTHON`, the project's
#'   `.venv` recorded by `make setup`, reticulate's default), why, and whether it exists;
#'   whether it starts; whether `pykeras_r` imports there with the R package's version; and
#'   whether a small numpy array really converts to an R array (numpy 2 needs reticulate >=
#'   1.38: older reticulate hands numpy 2 arrays over unconverted, without an error).
#' * Then the checks of the Python package (`pykeras_r.doctor`, also run by
#'   `python -m pykeras_r doctor`): Python, pykeras_r, numpy, TensorFlow and Keras versions,
#'   the Keras backend and its devices (CPU/GPU), each dataset (found, where, and whether its
#'   checksum holds: the pinned SHA-256, or for a warm cache entry its fast digest, as the
#'   line says) and whether the cache folder is writable.
#'
#' `pk_doctor()` never throws for a broken set-up: if Python cannot start or `pykeras_r`
#' cannot be imported, it reports the R-side checks and FAILs with the fix. When the Python
#' it starts is usable, later pykerasr calls in the session use it.
#'
#' @param full_checksums If `TRUE`, verify warm cache entries with the pinned SHA-256 too,
#'   not only their fast digest.
#' @return Invisibly, a data frame with one row per check and the character columns `check`,
#'   `status` (`"OK"`, `"WARN"` or `"FAIL"`), `detail` and `fix` (`""` when there is nothing
#'   to fix). Its attribute `ok` is `TRUE` when no check FAILed (warnings allowed) and `FALSE`
#'   otherwise: `if (!attr(pk_doctor(), "ok")) stop("fix the set-up first")`.
#' @examples
#' \dontrun{
#' report <- pk_doctor()
#' attr(report, "ok")
#' report[report$status != "OK", ]
#' }
#' @md
#' @export
pk_doctor <- function(full_checksums = FALSE) {
  rows <- tryCatch(
    pk_doctor_rows(isTRUE(full_checksums)),
    error = function(e) {
      list(pk_doctor_row("pk_doctor", "FAIL", paste0("the check itself failed: ", conditionMessage(e)),
                         "report this at the project's issue tracker with the output above"))
    }
  )
  report <- data.frame(
    check = vapply(rows, `[[`, "", "check"),
    status = vapply(rows, `[[`, "", "status"),
    detail = vapply(rows, `[[`, "", "detail"),
    fix = vapply(rows, `[[`, "", "fix"),
    stringsAsFactors = FALSE
  )
  attr(report, "ok") <- !any(report$status == "FAIL")
  pk_doctor_print(report)
  invisible(report)
}

pk_doctor_row <- function(check, status, detail, fix = "") {
  list(check = check, status = status, detail = detail, fix = if (status == "OK") "" else fix)
}

# The same layout as pykeras_r.doctor.format_report(), without needing Python.
pk_doctor_print <- function(report) {
  for (i in seq_len(nrow(report))) {
    line <- sprintf("%-4s  %s: %s", report$status[i], report$check[i], report$detail[i])
    if (nzchar(report$fix[i])) line <- paste0(line, " -> fix: ", report$fix[i])
    cat(line, "\n", sep = "")
  }
  fails <- report$check[report$status == "FAIL"]
  warns <- report$check[report$status == "WARN"]
  warn_text <- paste0(length(warns), " warning(s): ", paste(warns, collapse = ", "))
  if (length(fails)) {
    cat(length(fails), " check(s) FAILED: ", paste(fails, collapse = ", "),
        if (length(warns)) paste0("; ", warn_text), "\n", sep = "")
  } else if (length(warns)) {
    cat("no failures; ", warn_text, "\n", sep = "")
  } else {
    cat("all ", nrow(report), " checks OK\n", sep = "")
  }
  invisible(report)
}

# The project folder, when the recorded Python is its .venv (as `make setup` records it).
pk_project_dir <- function() {
  recorded <- pk_recorded_python()
  if (nzchar(recorded) && basename(dirname(dirname(recorded))) == ".venv") {
    return(dirname(dirname(dirname(recorded))))
  }
  NA_character_
}

# Quoted for a POSIX shell only where needed (as Python's shlex.quote does).
pk_shell_quote <- function(x) {
  if (grepl("^[A-Za-z0-9_./@%+=:,-]+$", x)) x else shQuote(x, type = "sh")
}

pk_make_setup_fix <- function() {
  project <- pk_project_dir()
  if (is.na(project)) return(pk_fix_hint())
  paste0("cd ", pk_shell_quote(project), " && make setup, then restart R")
}

pk_doctor_rows <- function(full_checksums) {
  reticulate_version <- as.character(utils::packageVersion("reticulate"))
  rows <- list(
    pk_doctor_row("R", "OK", paste0(R.version.string, " at ", R.home())),
    pk_doctor_row("reticulate", "OK", paste0("reticulate ", reticulate_version, " at ",
                                              find.package("reticulate")))
  )
  add <- function(...) rows[[length(rows) + 1L]] <<- pk_doctor_row(...)

  # Which Python, and why: decided without starting it.
  started <- reticulate::py_available(initialize = FALSE)
  choice <- .pk$choice %||% pk_python_choice()
  if (is.null(choice$path)) {
    add("Python choice", "WARN",
        paste("reticulate's default Python: none of PYKERASR_PYTHON, RETICULATE_PYTHON or a",
              "recorded project .venv is set"),
        pk_make_setup_fix())
  } else if (!started && !file.exists(choice$path)) {
    fix <- switch(
      choice$reason,
      "environment variable PYKERASR_PYTHON" = ,
      "environment variable RETICULATE_PYTHON" = {
        var <- sub("^environment variable ", "", choice$reason)
        paste0("Sys.unsetenv(\"", var, "\") (and remove it from ~/.Renviron or the shell), or set it ",
               "to a Python that has pykeras_r installed; then restart R")
      },
      pk_make_setup_fix()
    )
    add("Python choice", "FAIL", paste0(choice$path, ", chosen by ", choice$reason, ": does not exist"), fix)
    return(rows)
  } else {
    add("Python choice", "OK", paste0(choice$path, ", chosen by ", choice$reason, "; it exists"))
  }

  # Start it, as pk_python() does, without stopping on failure.
  if (!started) {
    failure <- tryCatch(suppressWarnings({
      if (!is.null(choice$path)) {
        Sys.setenv(RETICULATE_PYTHON = choice$path)
        reticulate::use_python(choice$path, required = TRUE)
      }
      reticulate::py_config()
      NULL
    }), error = function(e) pk_python_message(conditionMessage(e)))
    if (!is.null(failure) || !reticulate::py_available(initialize = FALSE)) {
      add("Python starts", "FAIL",
          paste0(choice$path %||% "reticulate's default Python", " does not start in R: ",
                 failure %||% "reticulate could not initialise it"),
          paste(pk_make_setup_fix(), "(or point PYKERASR_PYTHON to a working Python >= 3.10)"))
      return(rows)
    }
  }
  python <- reticulate::py_exe()
  config <- reticulate::py_config()
  add("Python starts", "OK", paste0("Python ", config$version, " at ", python, " runs in this R session"))
  pip <- function(what) paste0(pk_shell_quote(python), " -m pip install ", what, ", then restart R")

  # pykeras_r importable, with the R package's version.
  r_version <- as.character(utils::packageVersion("pykerasr"))
  module <- tryCatch(reticulate::import("pykeras_r", convert = TRUE), error = function(e) e)
  version_ok <- FALSE
  if (inherits(module, "error")) {
    project <- pk_project_dir()
    add("pykeras_r version", "FAIL",
        paste0("cannot import pykeras_r with ", python, " (chosen by ", choice$reason, "): ",
               pk_python_message(conditionMessage(module))),
        if (is.na(project)) pk_fix_hint() else
          paste0(pk_make_setup_fix(), "; or, to keep this Python: ",
                 pip(paste0("-r ", pk_shell_quote(file.path(project, "requirements.txt")), " -e ",
                            pk_shell_quote(project)))))
  } else {
    py_version <- tryCatch(as.character(module$`__version__`), error = function(e) "unknown")
    where <- tryCatch(dirname(as.character(module$`__file__`)), error = function(e) "?")
    if (identical(py_version, r_version)) {
      version_ok <- TRUE
      add("pykeras_r version", "OK",
          paste0("pykeras_r ", py_version, " at ", where, " matches the R package pykerasr ", r_version))
      if (is.null(.pk$module)) {
        .pk$choice <- choice
        .pk$module <- module
      }
    } else {
      add("pykeras_r version", "FAIL",
          paste0("the R package pykerasr is ", r_version, " but pykeras_r at ", where, " is ", py_version),
          pk_make_setup_fix())
    }
  }

  # numpy arrays really become R arrays (reticulate < 1.38 leaves numpy 2 arrays unconverted).
  conversion <- pk_doctor_conversion()
  if (!is.null(conversion$error)) {
    add("numpy to R", "FAIL", paste0("cannot import numpy in ", python, ": ", conversion$error),
        pip(if (is.na(pk_project_dir())) "'numpy>=1.24,<2'" else
          paste0("-r ", pk_shell_quote(file.path(pk_project_dir(), "requirements.txt")))))
  } else if (conversion$converted) {
    add("numpy to R", "OK", paste0("a numpy ", conversion$numpy, " array converts to an R array (reticulate ",
                                   reticulate_version, ")"))
  } else {
    numpy2 <- utils::compareVersion(conversion$numpy, "2.0.0") >= 0
    add("numpy to R", "FAIL",
        paste0("a numpy ", conversion$numpy, " array reaches R unconverted, as ", conversion$class,
               " instead of an R array",
               if (numpy2 && utils::compareVersion(reticulate_version, "1.38") < 0)
                 paste0(": reticulate ", reticulate_version, " converts numpy 2 arrays only from 1.38 on")),
        paste0(pip("'numpy<2'"), if (numpy2) " (or update reticulate to >= 1.38)"))
  }

  # The Python package's own checks (not those of a pykeras_r of another version).
  if (version_ok) {
    py_rows <- tryCatch({
      doctor <- reticulate::import("pykeras_r.doctor", convert = TRUE)
      doctor$run_checks(full_checksums = full_checksums)
    }, error = function(e) e)
    if (inherits(py_rows, "error")) {
      add("Python checks", "FAIL",
          paste0("cannot run pykeras_r.doctor with ", python, ": ",
                 pk_python_message(conditionMessage(py_rows))),
          pk_make_setup_fix())
    } else {
      for (r in py_rows) {
        if (r$check == "numpy" && r$status == "WARN" && isTRUE(conversion$converted) &&
            utils::compareVersion(conversion$numpy, "2.0.0") >= 0) {
          r <- list(check = r$check, status = "OK", detail = paste0(
            sub(":.*$", "", r$detail), "; reticulate ", reticulate_version,
            " converts its arrays (the numpy to R check above)"), fix = "")
        }
        rows[[length(rows) + 1L]] <- pk_doctor_row(r$check, r$status, r$detail, r$fix %||% "")
      }
    }
  }
  rows
}

# Convert a 2 x 3 numpy array with reticulate: list(converted, numpy, class) or list(error).
pk_doctor_conversion <- function() {
  tryCatch({
    np <- reticulate::import("numpy", convert = FALSE)
    version <- as.character(reticulate::py_to_r(np$`__version__`))
    value <- reticulate::py_to_r(np$arange(6L)$reshape(2L, 3L))
    converted <- is.array(value) && !inherits(value, "python.builtin.object") &&
      identical(dim(value), c(2L, 3L)) && isTRUE(all(value == matrix(0:5, 2L, 3L, byrow = TRUE)))
    list(converted = converted, numpy = version, class = paste0("<", class(value)[1L], ">"))
  }, error = function(e) list(error = pk_python_message(conditionMessage(e))))
}
