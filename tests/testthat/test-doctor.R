# pk_doctor(): the set-up checked, one line per check. The broken set-ups (no Python, no
# pykeras_r, numpy 2, another pykeras_r version, corrupt data, unwritable cache) are tested
# from pytest with Rscript (tests/test_doctor.py), each in a fresh R session.

test_that("pk_doctor() prints one line per check and returns the report invisibly", {
  out <- capture.output(result <- withVisible(pk_doctor()))
  expect_false(result$visible)
  report <- result$value
  expect_s3_class(report, "data.frame")
  expect_identical(names(report), c("check", "status", "detail", "fix"))
  for (column in names(report)) expect_type(report[[column]], "character")
  expect_true(all(report$status %in% c("OK", "WARN", "FAIL")))
  expect_identical(report$fix[report$status == "OK"], rep("", sum(report$status == "OK")))
  expect_true(all(nzchar(report$fix[report$status != "OK"])))

  # One line per check, then the summary.
  expect_length(out, nrow(report) + 1L)
  expect_match(out[1], "^OK    R: R version ")
  expect_match(out[length(out)], "^(all [0-9]+ checks OK|no failures)")
})

test_that("on a working set-up every check passes, the R side's and Python's", {
  capture.output(report <- pk_doctor())
  expect_true(isTRUE(attr(report, "ok")))
  expect_false(any(report$status == "FAIL"))
  status <- stats::setNames(report$status, report$check)
  for (check in c("R", "reticulate", "Python choice", "Python starts", "pykeras_r version",
                  "numpy to R", "Python", "pykeras_r", "numpy", "TensorFlow", "Keras",
                  "Keras backend", "dataset fashion-mnist", "cache folder")) {
    expect_identical(status[[check]], "OK", label = check)
  }
  expect_match(report$detail[report$check == "Python starts"], reticulate::py_exe(), fixed = TRUE)
  expect_match(report$detail[report$check == "numpy to R"], "converts to an R array", fixed = TRUE)
})

test_that("pk_doctor() leaves the session's Python usable by the other functions", {
  capture.output(pk_doctor())
  expect_identical(pk_config()$pykeras_r, as.character(utils::packageVersion("pykerasr")))
})
