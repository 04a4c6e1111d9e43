# The course's lab sheets use `%<-%` (zeallot) and `%>%` (magrittr), which
# library(keras) attached; pykerasr re-exports both.

#' @importFrom zeallot %<-%
#' @export
zeallot::`%<-%`

#' @importFrom magrittr %>%
#' @export
magrittr::`%>%`

#' @importFrom magrittr %<>%
#' @export
magrittr::`%<>%`

#' @importFrom generics fit
#' @export
generics::fit

#' @importFrom generics compile
#' @export
generics::compile

# keras R 2.x re-exported reticulate's use_python(), use_virtualenv() and use_condaenv(): a script
# names its Python before the first keras call. pykerasr chooses its Python itself (R/package.R),
# so these call reticulate's and then make that Python pykerasr's choice too (PYKERASR_PYTHON).

#' Choose the Python (reticulate's use_python(), use_virtualenv(), use_condaenv())
#'
#' keras R 2.x re-exported these from reticulate: call one before the first keras verb to run
#' that Python. Each calls reticulate's function of the same name with the same arguments, and
#' then sets the environment variable `PYKERASR_PYTHON` to the Python it names, where that
#' Python exists, so that pykerasr starts it (pykerasr otherwise chooses its own, see
#' [pk_config()]). Once Python runs, it cannot change in that R session: reticulate says so.
#'
#' @param python The path of a Python executable.
#' @param virtualenv The name or folder of a virtual environment (`NULL`: reticulate's default).
#' @param condaenv The name or folder of a conda environment (`NULL`: reticulate's default).
#' @param conda The conda executable (`"auto"`: found by reticulate).
#' @param required Whether reticulate must use this Python (`NULL`: reticulate's default).
#' @return What reticulate's function returns, invisibly.
#' @seealso [reticulate::use_python()]
#' @export
use_python <- function(python, required = NULL) {
  pk_follow_python(reticulate::use_python(python, required = required), function() python)
}

#' @rdname use_python
#' @export
use_virtualenv <- function(virtualenv = NULL, required = NULL) {
  pk_follow_python(reticulate::use_virtualenv(virtualenv, required = required),
                   function() reticulate::virtualenv_python(virtualenv %||% "r-reticulate"))
}

#' @rdname use_python
#' @export
use_condaenv <- function(condaenv = NULL, conda = "auto", required = NULL) {
  pk_follow_python(reticulate::use_condaenv(condaenv, conda = conda, required = required),
                   function() reticulate::conda_python(condaenv %||% "r-reticulate", conda = conda))
}

# After reticulate's use_*(): the Python it named (`python_of()`, which may fail where the
# environment does not exist) becomes pykerasr's choice, unless Python already runs.
pk_follow_python <- function(value, python_of) {
  python <- tryCatch(path.expand(python_of()), error = function(e) "")
  if (!reticulate::py_available(initialize = FALSE) && length(python) == 1L && nzchar(python) &&
      file.exists(python) && !dir.exists(python)) {
    Sys.setenv(PYKERASR_PYTHON = python)
    .pk$choice <- NULL  # chosen again at the first verb
  }
  invisible(value)
}
