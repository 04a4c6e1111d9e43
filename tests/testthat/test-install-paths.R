# The installer's path and process helpers on every OS's layout: a Windows-shaped environment
# (Scripts/python.exe), the library search path a child Python gets on each OS, and
# environment variables set around a plain system2() (R ignores system2(env = ) on Windows).

test_that("the environment's Python is Scripts/python.exe on Windows, bin/python elsewhere", {
  dir <- file.path(tempfile("env-"), "r-pykerasr")
  dir.create(file.path(dir, "Scripts"), recursive = TRUE)
  file.create(file.path(dir, "Scripts", "python.exe"))
  on.exit(unlink(dirname(dir), recursive = TRUE))
  windows <- pykerasr:::pk_env_python(dir, windows = TRUE)
  expect_identical(windows, file.path(dir, "Scripts", "python.exe"))
  expect_true(file.exists(windows))
  expect_identical(pykerasr:::pk_env_python(dir, windows = FALSE), file.path(dir, "bin", "python"))
  expect_identical(pykerasr:::pk_env_python(dir), file.path(dir, if (.Platform$OS.type == "windows")
    "Scripts/python.exe" else "bin/python"))
})

test_that("a name with a Windows or POSIX separator is a path, a bare name goes in virtualenv_root()", {
  expect_identical(pykerasr:::pk_environment_dir("C:\\Users\\ana\\envs\\r-pykerasr"),
                   normalizePath("C:\\Users\\ana\\envs\\r-pykerasr", mustWork = FALSE))
  expect_identical(pykerasr:::pk_environment_dir("/opt/envs/r-pykerasr"), "/opt/envs/r-pykerasr")
  expect_identical(basename(pykerasr:::pk_environment_dir("r-pykerasr")), "r-pykerasr")
})

test_that("a child Python gets its own library first on Linux, nothing changed on Windows and macOS", {
  saved <- Sys.getenv("LD_LIBRARY_PATH", unset = NA)
  on.exit(if (is.na(saved)) Sys.unsetenv("LD_LIBRARY_PATH") else Sys.setenv(LD_LIBRARY_PATH = saved))
  Sys.setenv(LD_LIBRARY_PATH = "/usr/lib/R/lib:/usr/lib/x86_64-linux-gnu:/opt/py/lib")
  expect_identical(pykerasr:::pk_python_child_env("/opt/py/lib", sysname = "Linux"),
                   c(LD_LIBRARY_PATH = "/opt/py/lib:/usr/lib/R/lib:/usr/lib/x86_64-linux-gnu"))
  expect_identical(pykerasr:::pk_python_child_env("", sysname = "Linux"), character(0))  # a static Python
  expect_identical(pykerasr:::pk_python_child_env("C:/Python311", sysname = "Windows"), character(0))
  expect_identical(pykerasr:::pk_python_child_env("/Library/Frameworks/Python.framework/Versions/3.11/lib",
                                                  sysname = "Darwin"), character(0))
})

test_that("variables are set around code and restored after, unset ones unset again", {
  Sys.setenv(PYKERASR_TEST_SET = "before")
  Sys.unsetenv("PYKERASR_TEST_UNSET")
  seen <- pykerasr:::pk_with_env(c(PYKERASR_TEST_SET = "during", PYKERASR_TEST_UNSET = "during"),
                                 Sys.getenv(c("PYKERASR_TEST_SET", "PYKERASR_TEST_UNSET")))
  expect_identical(unname(seen), c("during", "during"))
  expect_identical(Sys.getenv("PYKERASR_TEST_SET"), "before")
  expect_true(is.na(Sys.getenv("PYKERASR_TEST_UNSET", unset = NA)))
  expect_error(pykerasr:::pk_with_env(c(PYKERASR_TEST_SET = NA), stop("inside")), "inside")
  expect_identical(Sys.getenv("PYKERASR_TEST_SET"), "before")  # restored after an error too
  Sys.unsetenv("PYKERASR_TEST_SET")
})

test_that("no function of pykerasr calls system2() with env = (ignored on Windows)", {
  calls_with_env <- function(expr) {
    if (is.function(expr)) return(calls_with_env(body(expr)))
    if (!is.call(expr)) return(FALSE)
    if (identical(expr[[1]], as.name("system2")) && "env" %in% names(expr)) return(TRUE)
    parts <- as.list(expr)[-1]  # x[, 1] has an empty argument, which cannot be passed on
    any(vapply(seq_along(parts), function(i) !identical(parts[[i]], quote(expr = )) &&
                 calls_with_env(parts[[i]]), logical(1)))
  }
  ns <- asNamespace("pykerasr")
  functions <- Filter(function(name) is.function(ns[[name]]), ls(ns, all.names = TRUE))
  expect_gt(length(functions), 50L)
  expect_true(any(vapply(functions, function(f) grepl("system2", paste(deparse(ns[[f]]), collapse = "")),
                         logical(1))))  # the check looks where system2() is used
  offenders <- Filter(function(name) calls_with_env(ns[[name]]), functions)
  expect_identical(offenders, character(0))
})

test_that("install_pykeras_r()'s fallback Python goes in .Renviron, keeping every other line", {
  renviron <- tempfile("Renviron-")
  on.exit({ unlink(renviron); Sys.unsetenv("RETICULATE_PYTHON_FALLBACK") })
  writeLines(c("R_LIBS_USER=~/R/lib", "# my notes", "OMP_NUM_THREADS=2"), renviron)
  expect_message(pykerasr:::pk_remember_python("/envs/a/bin/python", renviron), "RETICULATE_PYTHON_FALLBACK")
  expect_identical(readLines(renviron), c("R_LIBS_USER=~/R/lib", "# my notes", "OMP_NUM_THREADS=2",
                                          pykerasr:::pk_renviron_mark, "RETICULATE_PYTHON_FALLBACK=/envs/a/bin/python"))
  expect_identical(Sys.getenv("RETICULATE_PYTHON_FALLBACK"), "/envs/a/bin/python")
  # again with another environment: pykerasr's own line replaced, once; the same one: untouched
  pykerasr:::pk_remember_python("/envs/b/bin/python", renviron)
  expect_identical(readLines(renviron)[4:5], c(pykerasr:::pk_renviron_mark, "RETICULATE_PYTHON_FALLBACK=/envs/b/bin/python"))
  expect_length(readLines(renviron), 5L)
  expect_silent(pykerasr:::pk_remember_python("/envs/b/bin/python", renviron))
  # no .Renviron yet: made; and no temporary file left beside it
  fresh <- file.path(tempfile("home-"), ".Renviron")
  pykerasr:::pk_remember_python("/envs/c/bin/python", fresh)
  expect_identical(readLines(fresh), c(pykerasr:::pk_renviron_mark, "RETICULATE_PYTHON_FALLBACK=/envs/c/bin/python"))
  expect_identical(list.files(dirname(fresh), all.files = TRUE, no.. = TRUE), ".Renviron")
})

test_that("a RETICULATE_PYTHON_FALLBACK the user set is left alone, and named", {
  renviron <- tempfile("Renviron-")
  on.exit(unlink(renviron))
  writeLines(c("RETICULATE_PYTHON_FALLBACK=/home/ana/py/bin/python"), renviron)
  expect_message(pykerasr:::pk_remember_python("/envs/a/bin/python", renviron), "left as it is")
  expect_identical(readLines(renviron), "RETICULATE_PYTHON_FALLBACK=/home/ana/py/bin/python")
})
