# The vignettes' one switch: their chunks that need Python run only where pykerasr's Python
# already exists (a variable, the recorded .venv, install_pykeras_r()'s environment, or one
# already running), never one that py_require() would make, which downloads during a build.

# TRUE or FALSE, with attribute "note": the sentence a vignette shows about what happened.
# PYKERASR_VIGNETTES_RUN=false shows the chunks without running them (a quick docs build).
pk_vignette_python <- function() {
  if (identical(tolower(Sys.getenv("PYKERASR_VIGNETTES_RUN")), "false")) {
    return(structure(FALSE, note = paste("This page was built with PYKERASR_VIGNETTES_RUN=false: its code",
                                         "is shown but was not run.")))
  }
  choice <- pk_python_choice()
  usable <- choice$kind %in% c("variable", "project", "installer", "running")
  started <- usable && !inherits(try(pk_python(), silent = TRUE), "try-error")
  note <- if (started) {
    paste0("This page was built with pykerasr's Python (", reticulate::py_exe(), ", chosen by ",
           .pk$choice$reason, "): every output below is real.")
  } else {
    paste0("No Python for pykerasr was found when this page was built (none set by ",
           "PYKERASR_PYTHON or RETICULATE_PYTHON, recorded by `make setup` or made by ",
           "install_pykeras_r()): its code is shown but was not run. With pykerasr set up, each ",
           "chunk runs as shown.")
  }
  structure(started, note = note)
}
