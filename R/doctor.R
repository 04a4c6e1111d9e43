#' Check the set-up: one line per check, with the fix
#'
#' Checks, in order, and prints one line per check with its status (`OK`, `WARN`: works but
#' not as intended, `FAIL`: broken) and, where something is wrong, the exact fix:
#'
#' * R-side checks, which need no Python: the R and reticulate versions; the Python chosen
#'   (in the order of [pykerasr-package]: `PYKERASR_PYTHON`, `RETICULATE_PYTHON`, the
#'   project's `.venv` recorded by `make setup`, the environment of [install_pykeras_r()],
#'   reticulate's `py_require()`), why, and whether it exists; whether it starts; whether the
#'   `pykeras_r` bundled in this package imports there with the R package's version; and
#'   whether a small numpy array really converts to an R array (numpy 2.1 and later need
#'   reticulate >= 1.39: older reticulate hands them over unconverted, without an error).
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

pk_doctor_rows <- function(full_checksums) {
  reticulate_version <- as.character(pk_reticulate_version())
  rows <- list(
    pk_doctor_row("R", "OK", paste0(R.version.string, " at ", R.home())),
    pk_doctor_row("reticulate", "OK", paste0(
      "reticulate ", reticulate_version, " at ", find.package("reticulate"),
      if (pk_reticulate_has_py_require()) "; has py_require()" else
        paste0("; no py_require() (from ", pk_reticulate_for_py_require, " on)")))
  )
  add <- function(...) rows[[length(rows) + 1L]] <<- pk_doctor_row(...)

  # Python's start-up, as pk_python() makes it: a row per step.
  start <- pk_start_python()
  rows <- c(rows, lapply(start$rows, `[`, c("check", "status", "detail", "fix")))
  if (is.null(start$python)) return(rows)
  python <- start$python
  choice <- .pk$choice
  usable <- !any(vapply(start$rows, `[[`, "", "status") == "FAIL")
  if (usable && is.null(.pk$module)) .pk$module <- start$module
  pip <- function(what) paste0(pk_shell_quote(python), " -m pip install ", what, ", then restart R")

  # numpy arrays really become R arrays (reticulate < 1.39 leaves numpy 2.1+ arrays unconverted).
  conversion <- pk_doctor_conversion()
  if (!is.null(conversion$error)) {
    add("numpy to R", "FAIL", paste0("cannot import numpy in ", python, ": ", conversion$error),
        pk_fix(choice))
  } else if (conversion$converted) {
    add("numpy to R", "OK", paste0("a numpy ", conversion$numpy, " array converts to an R array (reticulate ",
                                   reticulate_version, ")"))
  } else {
    numpy2 <- utils::compareVersion(conversion$numpy, "2.0.0") >= 0
    add("numpy to R", "FAIL",
        paste0("a numpy ", conversion$numpy, " array reaches R unconverted, as ", conversion$class,
               " instead of an R array",
               if (numpy2 && pk_needs_numpy_below_2())
                 paste0(": reticulate ", reticulate_version, " converts numpy 2 arrays only from ",
                        pk_reticulate_for_numpy_2, " on")),
        if (choice$kind == "installer") "install_pykeras_r(force = TRUE) (it picks numpy < 2 for this reticulate), then restart R" else
          paste0(pip("'numpy<2'"), if (numpy2) paste0(" (or update reticulate to >= ", pk_reticulate_for_numpy_2, ")")))
  }

  # The Python package's own checks, as records (not those of a pykeras_r of another version).
  if (!is.null(start$module)) {
    py_rows <- tryCatch(pk_import_bridge()$doctor_rows(full_checksums = full_checksums),
                        error = function(e) e)
    if (inherits(py_rows, "error")) {
      add("Python checks", "FAIL",
          paste0("cannot run pykeras_r.doctor with ", python, ": ",
                 pk_python_message(conditionMessage(py_rows))),
          pk_fix(choice))
    } else {
      for (r in py_rows) add(r$check, r$status, r$detail, r$fix)
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
