# pk_config(): the set-up in use.

test_that("pk_config() reports Python and the versions in use", {
  cfg <- pk_config()
  expect_s3_class(cfg, "pykerasr_config")
  expect_type(cfg, "list")
  for (field in c("python", "pykeras_r", "tensorflow", "keras", "numpy", "reticulate")) {
    expect_true(field %in% names(cfg), label = field)
    expect_type(cfg[[field]], "character")
    expect_length(cfg[[field]], 1L)
    expect_true(nzchar(cfg[[field]]), label = field)
  }
  expect_true(file.exists(cfg$python))
  expect_identical(cfg$python, reticulate::py_exe())
  expect_identical(cfg$pykeras_r, as.character(utils::packageVersion("pykerasr")))
  expect_identical(cfg$reticulate, as.character(utils::packageVersion("reticulate")))
  for (field in c("tensorflow", "keras", "numpy")) {
    expect_match(cfg[[field]], "^[0-9]+\\.[0-9]+")
  }
  expect_match(cfg$keras, "^3\\.")
  expect_identical(cfg$keras_backend, "tensorflow")
  expect_true(nzchar(cfg$python_chosen_by))
})

test_that("printing the configuration works", {
  cfg <- pk_config()
  expect_output(print(cfg), "Python:")
  expect_output(print(cfg), paste0("TensorFlow ", cfg$tensorflow), fixed = TRUE)
  expect_output(print(cfg), paste0("pykeras_r ", cfg$pykeras_r), fixed = TRUE)
  expect_output(print(cfg), "fashion-mnist/train-images-idx3-ubyte", fixed = TRUE)
  expect_output(result <- withVisible(print(cfg)))
  expect_false(result$visible)
  expect_identical(result$value, cfg)
})
