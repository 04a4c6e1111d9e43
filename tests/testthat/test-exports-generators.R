# keras R 2.15's data pipelines on Keras 3: the properties of the random augmentations (their
# exact seeded draws are checked against keras R 2.15 by tests/keras_r_oracle/generators.R), the
# main-thread R generators, hdf5_matrix() (which keras R 2.15 itself refused on TensorFlow >= 2.4)
# and the bad-input messages. Tiny arrays: a few seconds.

img_batch <- function(n = 4) array(as.numeric(seq_len(n * 6 * 8 * 1)), c(n, 6, 8, 1))  # n grey 6 x 8 images

test_that("flips are R's reversed arrays; zero ranges leave images as they are", {
  x <- img_batch(1)
  one <- function(...) generator_next(flow_images_from_data(x, generator = image_data_generator(...),
                                                            batch_size = 1, shuffle = FALSE, seed = 3))
  seen <- list()
  for (seed in 1:12) {
    b <- generator_next(flow_images_from_data(x, generator = image_data_generator(horizontal_flip = TRUE),
                                              batch_size = 1, seed = seed))
    flipped <- isTRUE(all.equal(b[1, , , 1], x[1, , 8:1, 1]))
    expect_true(flipped || isTRUE(all.equal(b[1, , , 1], x[1, , , 1])))
    seen[[length(seen) + 1]] <- flipped
  }
  expect_setequal(unlist(seen), c(TRUE, FALSE))  # both happen, half the time each
  b <- generator_next(flow_images_from_data(x, generator = image_data_generator(vertical_flip = TRUE),
                                            batch_size = 1, seed = 2))
  expect_true(isTRUE(all.equal(b[1, , , 1], x[1, 6:1, , 1])) || isTRUE(all.equal(b[1, , , 1], x[1, , , 1])))
  expect_equal(one(rotation_range = 0, width_shift_range = 0, height_shift_range = 0, shear_range = 0,
                   zoom_range = 0), x)
  expect_equal(one(zoom_range = c(1, 1), channel_shift_range = 0), x)
})

test_that("shifts, rotations, shears and zooms keep the shape and the range of values", {
  x <- img_batch(2)
  for (args in list(list(width_shift_range = 0.3), list(height_shift_range = 2), list(rotation_range = 40),
                    list(shear_range = 20), list(zoom_range = 0.3), list(channel_shift_range = 10))) {
    b <- generator_next(flow_images_from_data(x, generator = do.call(image_data_generator, args),
                                              batch_size = 2, seed = 5, shuffle = FALSE))
    expect_equal(dim(b), dim(x))
    expect_true(all(b >= min(x) - 1e-3 & b <= max(x) + 1e-3), label = names(args))
    expect_false(isTRUE(all.equal(b, x)), label = names(args))  # it did move something
  }
  # a shift of 2 pixels (a vector of values: one is picked, either way) with fill_mode = "constant".
  # As in keras R 2.15 (Keras 2.15's axis swap), width_shift_range moves the image along its rows.
  gen <- image_data_generator(width_shift_range = c(2, 2), fill_mode = "constant", cval = -1)
  p <- gen$get_random_transform(c(6L, 8L, 1L), seed = 1L)
  b <- gen$apply_transform(array(x[1, , , 1], c(6, 8, 1)), p)[, , 1]
  shift <- as.integer(p$ty)
  expect_equal(abs(shift), 2L)
  expect_equal(if (shift > 0) b[1:4, ] else b[3:6, ], if (shift > 0) x[1, 3:6, , 1] else x[1, 1:4, , 1],
               tolerance = 1e-5)
  expect_true(all(if (shift > 0) b[5:6, ] == -1 else b[1:2, ] == -1))
})

test_that("a seed repeats a flow's batches; other seeds differ", {
  x <- img_batch(4)
  draw <- function(seed) generator_next(flow_images_from_data(
    x, c(0, 1, 2, 3), generator = image_data_generator(rotation_range = 30, zoom_range = 0.2),
    batch_size = 4, seed = seed))
  a <- draw(11)
  expect_equal(draw(11), a)
  expect_false(isTRUE(all.equal(draw(12)[[1]], a[[1]])))
})

test_that("featurewise statistics are R's mean and sd; unfitted ones are left out (with Keras 2's warning)", {
  x <- img_batch(3) / 10
  gen <- image_data_generator(featurewise_center = TRUE, featurewise_std_normalization = TRUE, rescale = 2)
  expect_null(fit_image_data_generator(gen, x))
  n <- length(x)
  expect_equal(as.vector(gen$mean), mean(2 * x), tolerance = 1e-5)
  expect_equal(as.vector(gen$std), sd(as.vector(2 * x)) * sqrt((n - 1) / n), tolerance = 1e-5)
  b <- generator_next(flow_images_from_data(x, generator = gen, batch_size = 3, shuffle = FALSE))
  expect_equal(b, (2 * x - mean(2 * x)) / (sd(as.vector(2 * x)) * sqrt((n - 1) / n) + 1e-6), tolerance = 1e-4)
  unfitted <- image_data_generator(featurewise_center = TRUE)
  b <- generator_next(flow_images_from_data(x, generator = unfitted, batch_size = 3, shuffle = FALSE))
  expect_equal(b, x, tolerance = 1e-6)
})

test_that("an R preprocessing_function and an R generator function run on R's main thread", {
  x <- img_batch(4) / 100
  y <- c(0, 1, 0, 1)
  calls <- 0
  gen <- image_data_generator(preprocessing_function = function(img) { calls <<- calls + 1; img * 2 })
  flow <- flow_images_from_data(x, y, generator = gen, batch_size = 2, shuffle = FALSE)
  b <- generator_next(flow)
  expect_equal(b[[1]], 2 * x[1:2, , , , drop = FALSE], tolerance = 1e-6)
  model <- keras_model_sequential() %>% layer_flatten(input_shape = c(6, 8, 1)) %>%
    layer_dense(2, activation = "softmax")
  model %>% compile(optimizer = "sgd", loss = "sparse_categorical_crossentropy", metrics = "accuracy")
  before <- calls
  history <- fit(model, flow, epochs = 2, verbose = 0)
  expect_equal(length(history$metrics$loss), 2)
  expect_gte(calls - before, 8)  # 2 epochs of 4 images, each through the R function
  batches <- 0
  next_batch <- function() { batches <<- batches + 1; list(x[1:2, , , , drop = FALSE], y[1:2]) }
  history <- fit(model, next_batch, steps_per_epoch = 3, epochs = 2, verbose = 0)
  expect_equal(length(history$metrics$loss), 2)
  expect_equal(batches, 6)  # 3 an epoch; the batches Keras peeks at are trained on, not drawn again
  expect_error(fit(model, next_batch, epochs = 1, verbose = 0), "steps_per_epoch")
  expect_equal(dim(predict(model, function() x[1:2, , , , drop = FALSE], steps = 2, verbose = 0)), c(4, 2))
})

test_that("hdf5_matrix() reads a slice of an HDF5 dataset, for fit() too", {
  path <- tempfile(fileext = ".h5")
  h5py <- reticulate::import("h5py")
  np <- reticulate::import("numpy", convert = FALSE)
  values <- matrix(as.numeric(1:20), 5, 4, byrow = TRUE)
  f <- h5py$File(path, "w")
  f$create_dataset("x", data = np$array(values))
  f$close()
  m <- hdf5_matrix(path, "x", start = 1, end = 4)
  expect_equal(reticulate::py_len(m), 3L)
  expect_equal(unlist(m$shape), c(3, 4))
  expect_equal(reticulate::py_to_r(np$asarray(m)), values[2:4, ])
  scaled <- hdf5_matrix(path, "x", normalizer = function(v) v / 10)
  expect_equal(reticulate::py_to_r(np$asarray(scaled)), values / 10)
  model <- keras_model_sequential() %>% layer_dense(1, input_shape = 4)
  model %>% compile(optimizer = "sgd", loss = "mse")
  expect_equal(length(fit(model, m, c(1, 2, 3), epochs = 1, verbose = 0)$metrics$loss), 1)
  expect_error(hdf5_matrix(path, "nope"), "not a dataset")
})

test_that("flows save their images, split by subset, and refuse bad input in one paragraph", {
  x <- img_batch(4)
  dir <- tempfile("saved")
  dir.create(dir)
  generator_next(flow_images_from_data(x, batch_size = 3, save_to_dir = dir, save_prefix = "aug", seed = 1))
  expect_equal(length(list.files(dir, pattern = "^aug_.*[.]png$")), 3)
  expect_equal(dim(image_to_array(image_load(list.files(dir, full.names = TRUE)[1], grayscale = TRUE))),
               c(6, 8, 1))
  expect_readable_error(expect_error(flow_images_from_data(x[, , , 1]), "rank 4"))
  expect_readable_error(expect_error(flow_images_from_data(x, subset = "validation"), "validation_split"))
  expect_readable_error(expect_error(image_data_generator(fill_mode = "mirror"), "fill_mode"))
  expect_readable_error(expect_error(flow_images_from_data(x, generator = "not one"), "image_data_generator"))
  expect_readable_error(expect_error(flow_images_from_directory(tempfile()), "not a folder"))
})

test_that("timeseries_generator() gives Keras 2's windows; generator_next() steps it to the end", {
  tg <- timeseries_generator(as.numeric(1:10), as.numeric(1:10) * 10, length = 3, batch_size = 4)
  b <- generator_next(tg)
  expect_equal(b[[1]], rbind(1:3, 2:4, 3:5, 4:6))
  expect_equal(as.vector(b[[2]]), c(40, 50, 60, 70))
  b <- generator_next(tg)
  expect_equal(as.vector(b[[2]]), c(80, 90, 100))
  expect_identical(generator_next(tg, completed = "done"), "done")
  expect_readable_error(expect_error(timeseries_generator(1:5, 1:4, length = 2), "same length"))
})

test_that("flow_images_from_dataframe() reads the files a data frame names, without pandas", {
  root <- tempfile("frame")
  dir.create(root)
  for (k in 1:3) image_array_save(array(k * 50, c(4, 4, 3)), file.path(root, paste0("p", k, ".png")), scale = FALSE)
  frame <- data.frame(filename = c("p1.png", "p2.png", "p3.png", "missing.png"), score = c(0.5, 1.5, 2.5, 9),
                      class = factor(c("b", "a", "b", "a")))
  flow <- flow_images_from_dataframe(frame, directory = root, y_col = "score", class_mode = "other",
                                     target_size = c(4, 4), batch_size = 3, shuffle = FALSE)
  b <- generator_next(flow)
  expect_equal(dim(b[[1]]), c(3, 4, 4, 3))
  expect_equal(as.vector(b[[2]]), c(0.5, 1.5, 2.5))  # the missing file's row left out
  expect_equal(b[[1]][, 1, 1, 1], c(50, 100, 150))
  flow <- flow_images_from_dataframe(frame, directory = root, class_mode = "sparse", target_size = c(4, 4),
                                     batch_size = 3, shuffle = FALSE)
  expect_equal(unlist(flow$class_indices), c(a = 0, b = 1))
  expect_equal(as.vector(generator_next(flow)[[2]]), c(1, 0, 1))
  expect_warning(flow_images_from_dataframe(frame, directory = root, target_size = c(4, 4),
                                            drop_duplicates = TRUE), "drop_duplicates")
})
