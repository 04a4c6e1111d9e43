# Python child processes started from R (the installer's venv and pip, the environment
# checks): each loads its own libpython, whatever R put on the library search path.
#
# R starts with LD_LIBRARY_PATH=<R_HOME>/lib:/usr/lib/x86_64-linux-gnu:... (its ldpaths), and
# LD_LIBRARY_PATH comes before a program's RUNPATH. A shared-library CPython (pyenv, asdf,
# self-built) whose minor version matches the system's libpython then loads the system's
# library, and its extension modules (`_ssl`) fail with "undefined symbol". So every child
# gets its Python's own LIBDIR first. macOS (R sets only DYLD_FALLBACK_LIBRARY_PATH, which
# comes after a program's own paths) and Windows (a Python finds the DLL beside its exe first)
# need nothing.
#
# Elsewhere, by OS: the environment's Python is Scripts/python.exe on Windows
# (pk_env_python()); variables are set around a plain system2() (pk_with_env()), as
# system2(env = ) does not work on Windows; the probe runs a file, not a multi-line -c. Linux
# only, and harmless elsewhere: which libpython a Python loaded (/proc/self/maps, for the ssl
# diagnosis) and the /usr/share/datasets folders searched for data (pykeras_r/datasets).

# The variable of the library search path that overrides a program's own paths, or NA.
pk_library_path_variable <- function(sysname = Sys.info()[["sysname"]]) {
  if (sysname %in% c("Windows", "Darwin")) NA_character_ else "LD_LIBRARY_PATH"
}

# Run `code` with environment variables set (NA: unset), restoring them after: R's
# system2(env = ) is ignored on Windows, so variables are set around a plain system2().
pk_with_env <- function(vars, code) {
  if (!length(vars)) return(force(code))
  old <- Sys.getenv(names(vars), unset = NA, names = TRUE)
  restore <- function(values) {
    set <- !is.na(values)
    if (any(set)) do.call(Sys.setenv, as.list(values[set]))
    if (any(!set)) Sys.unsetenv(names(values)[!set])
  }
  on.exit(restore(old), add = TRUE)
  restore(vars)
  force(code)
}

# The variables a child Python needs to load its own libpython: its LIBDIR first on the
# search path (character(0) where nothing overrides a program's own paths, or for a static
# Python, libdir "").
pk_python_child_env <- function(libdir, sysname = Sys.info()[["sysname"]]) {
  variable <- pk_library_path_variable(sysname)
  if (is.na(variable) || !nzchar(libdir %||% "")) return(character(0))
  current <- Sys.getenv(variable)
  parts <- strsplit(current, ":", fixed = TRUE)[[1]]
  stats::setNames(paste(c(libdir, setdiff(parts[nzchar(parts)], libdir)), collapse = ":"), variable)
}

# system2() on a Python with its own library first (and `vars` set around it).
pk_system2_python <- function(python, args, libdir, vars = character(0), ...) {
  pk_with_env(c(pk_python_child_env(libdir), vars), suppressWarnings(system2(python, args, ...)))
}

# What a Python is, asked of it (works back to Python 2.7): a list with `runs`, `version`
# ("3.11"), `executable`, `libdir` (its shared libpython's folder, "" for a static build) and
# `venv` ("" when `venv` and `ensurepip` import, else the import error). The question needs
# only the standard library, so it is asked with the inherited environment, and once more
# without the library search path if the Python does not even start with it.
pk_python_probe <- function(python) {
  # A file, not -c: a multi-line argument does not survive Windows' command line.
  script <- tempfile("pykerasr-probe-", fileext = ".py")
  on.exit(unlink(script), add = TRUE)
  writeLines(c(
    "import sys, sysconfig",
    "print('%d.%d' % sys.version_info[:2])",
    "print(sys.executable)",
    "print(sysconfig.get_config_var('LIBDIR') if sysconfig.get_config_var('Py_ENABLE_SHARED') else '')",
    "try:",
    "    import venv, ensurepip",
    "    print('')",
    "except ImportError as e:",
    "    print(e)"), script)
  ask <- function(vars) {
    out <- tryCatch(pk_with_env(vars, suppressWarnings(system2(
      python, shQuote(script), stdout = TRUE, stderr = FALSE))), error = function(e) character(0))
    if (!is.null(attr(out, "status")) || length(out) < 3L) return(NULL)
    list(runs = TRUE, version = out[[1]], executable = out[[2]], libdir = out[[3]],
         venv = if (length(out) >= 4L) out[[4]] else "")
  }
  variable <- pk_library_path_variable()
  ask(character(0)) %||% (if (!is.na(variable)) ask(stats::setNames(NA_character_, variable))) %||%
    list(runs = FALSE, version = "", executable = python, libdir = "", venv = "")
}
