# keras R 2.x's data pipelines (image_data_generator() and its flows, generator_next(),
# fit_generator() and friends, timeseries and directory datasets, keras_array()), printed as
# KEY: value lines: run on keras R 2.15 (the oracle, which wrote generators.keras-2.15.txt) and on
# pykerasr, by tests/test_keras_r_oracle.py. Random transforms are compared where Keras 2's draws
# are reproduced exactly (seeded flips, the drawn parameters); the rest is in
# tests/testthat/test-exports-generators.R.
suppressPackageStartupMessages(library(LIBRARY))  # keras (keras R 2.15) or pykerasr
out <- function(key, ...) cat(key, ": ", paste(unlist(lapply(list(...), as.character)), collapse = " "), "\n", sep = "")
num <- function(x) format(signif(as.numeric(x), 5))

# Names and defaults of the verbs, as written in their functions.
for (verb in c("image_data_generator", "fit_image_data_generator", "flow_images_from_data",
               "flow_images_from_directory", "flow_images_from_dataframe", "generator_next",
               "fit_generator", "evaluate_generator", "predict_generator", "image_dataset_from_directory",
               "text_dataset_from_directory", "timeseries_dataset_from_array", "timeseries_generator",
               "hdf5_matrix", "keras_array")) {
  f <- formals(get(verb))
  out(paste0("FORMALS_", toupper(verb)),
      paste0(names(f), ifelse(vapply(f, function(v) identical(v, quote(expr = )), TRUE), "",
                              paste0("=", vapply(f, function(v) paste(deparse(v), collapse = ""), ""))),
             collapse = ","))
}

x <- array(as.numeric(seq_len(6 * 4 * 5 * 1)), c(6, 4, 5, 1))  # 6 grey 4 x 5 images
y <- c(0, 1, 0, 1, 0, 1)

# rescale, batches, counts
flow <- flow_images_from_data(x, y, generator = image_data_generator(rescale = 1 / 4), batch_size = 4,
                              shuffle = FALSE)
b <- generator_next(flow)
out("RESCALE_BATCH_DIM", dim(b[[1]]))
out("RESCALE_BATCH_LABELS", b[[2]])
out("RESCALE_BATCH_VALUES", num(b[[1]][2, , , 1]))
b <- generator_next(flow)
out("RESCALE_SECOND_BATCH_DIM", dim(b[[1]]))
out("FLOW_LENGTH", length(flow))

# seeded random flips: Keras 2's draws
flow <- flow_images_from_data(x, y, generator = image_data_generator(horizontal_flip = TRUE, vertical_flip = TRUE),
                              batch_size = 3, shuffle = TRUE, seed = 7)
for (i in 1:3) {
  b <- generator_next(flow)
  out(paste0("FLIP_BATCH_", i, "_LABELS"), b[[2]])
  out(paste0("FLIP_BATCH_", i, "_FIRST_ROWS"), num(b[[1]][, 1, , 1]))
}

# the random parameters drawn for one image
gen <- image_data_generator(rotation_range = 30, width_shift_range = 0.2, height_shift_range = 0.1,
                            shear_range = 10, zoom_range = 0.2, channel_shift_range = 5,
                            horizontal_flip = TRUE, brightness_range = c(0.5, 1.5))
p <- gen$get_random_transform(c(4L, 5L, 1L), seed = 3L)
for (key in c("theta", "tx", "ty", "shear", "zx", "zy", "flip_horizontal", "flip_vertical",
              "channel_shift_intensity", "brightness"))
  out(paste0("RANDOM_TRANSFORM_", toupper(key)), num(p[[key]]))

# the transforms themselves: each fill_mode (scipy's in keras R 2.15), and a seeded flow of them all
img <- array(outer(1:7, 1:9, function(i, j) 10 * i + j), c(7, 9, 1))
for (mode in c("nearest", "constant", "reflect", "wrap")) {
  gen <- image_data_generator(fill_mode = mode, cval = -5)
  for (p in list(list(theta = 30), list(tx = 1.5, ty = -2.25), list(shear = 20), list(zx = 0.8, zy = 1.3),
                 list(theta = -15, tx = 1, zx = 1.1, zy = 0.9, shear = 5)))
    out(paste0("AFFINE_", toupper(mode), "_", toupper(paste(names(p), collapse = "_"))),
        signif(gen$apply_transform(img, p)[, , 1], 4))
}
gen <- image_data_generator(rotation_range = 20, width_shift_range = 0.1, height_shift_range = 0.1,
                            shear_range = 5, zoom_range = 0.1, channel_shift_range = 3, horizontal_flip = TRUE,
                            fill_mode = "reflect", rescale = 1 / 10)
b <- generator_next(flow_images_from_data(x, y, generator = gen, batch_size = 2, seed = 5))
out("AUGMENTED_BATCH_LABELS", b[[2]])
out("AUGMENTED_BATCH", signif(b[[1]], 4))
b <- generator_next(flow_images_from_data(array(outer(1:6, 1:8, "+") * 10, c(1, 6, 8, 1)), batch_size = 1, seed = 2,
                                          generator = image_data_generator(brightness_range = c(0.5, 0.9))))
out("BRIGHTNESS_BATCH", signif(b, 4))

# featurewise and samplewise normalization
gen <- image_data_generator(featurewise_center = TRUE, featurewise_std_normalization = TRUE)
fit_image_data_generator(gen, x)
out("FEATUREWISE_MEAN", num(gen$mean))
out("FEATUREWISE_STD", num(gen$std))
b <- generator_next(flow_images_from_data(x, generator = gen, batch_size = 6, shuffle = FALSE))
out("FEATUREWISE_BATCH_MEAN_SD", num(c(mean(b), sd(as.vector(b)))))
out("FEATUREWISE_BATCH_FIRST", num(b[1, 1, , 1]))
b <- generator_next(flow_images_from_data(x, generator = image_data_generator(samplewise_center = TRUE,
  samplewise_std_normalization = TRUE), batch_size = 2, shuffle = FALSE))
out("SAMPLEWISE_MEANS", num(round(apply(b, 1, mean), 6)))
out("SAMPLEWISE_FIRST", num(b[1, 1, , 1]))

# validation_split and subset
gen <- image_data_generator(validation_split = 0.34)
train <- flow_images_from_data(x, y, generator = gen, batch_size = 2, subset = "training", shuffle = FALSE)
val <- flow_images_from_data(x, y, generator = gen, batch_size = 2, subset = "validation", shuffle = FALSE)
out("SUBSET_SIZES", train$n, val$n)
out("SUBSET_VALIDATION_LABELS", generator_next(val)[[2]])

# a folder of class folders of PNGs (written with image_array_save)
root <- file.path(tempdir(), "generator-images")
for (k in 1:5) {
  cls <- c("cat", "dog")[1 + (k > 3)]
  dir.create(file.path(root, cls), recursive = TRUE, showWarnings = FALSE)
  img <- array(k * 40, c(6, 6, 3))
  image_array_save(img, file.path(root, cls, paste0("img", k, ".png")), scale = FALSE)
}
flow <- flow_images_from_directory(root, target_size = c(6, 6), batch_size = 4, shuffle = FALSE,
                                   class_mode = "sparse")
out("DIRECTORY_CLASS_INDICES", names(flow$class_indices), unlist(flow$class_indices))
out("DIRECTORY_CLASSES", flow$classes)
out("DIRECTORY_FILENAMES", unlist(flow$filenames))
b <- generator_next(flow)
out("DIRECTORY_BATCH_DIM", dim(b[[1]]))
out("DIRECTORY_BATCH_LABELS", b[[2]])
out("DIRECTORY_BATCH_PIXELS", num(b[[1]][, 1, 1, 1]))
b <- generator_next(flow_images_from_directory(root, target_size = c(3, 3), color_mode = "grayscale",
                                               batch_size = 5, shuffle = FALSE,
                                               generator = image_data_generator(rescale = 1 / 255)))
out("DIRECTORY_CATEGORICAL", dim(b[[1]]), dim(b[[2]]), b[[2]][, 2])
frame <- data.frame(filename = c("cat/img1.png", "dog/img5.png", "cat/img2.png"), class = c("cat", "dog", "cat"))
flow <- flow_images_from_dataframe(frame, directory = root, target_size = c(6, 6), batch_size = 3, shuffle = FALSE)
b <- generator_next(flow)
out("DATAFRAME_CLASS_INDICES", names(flow$class_indices), unlist(flow$class_indices))
out("DATAFRAME_BATCH", dim(b[[1]]), "|", as.vector(b[[2]]), "|", b[[1]][, 1, 1, 1])
ds <- image_dataset_from_directory(root, image_size = c(6, 6), batch_size = 2, shuffle = FALSE)
out("IMAGE_DATASET_CLASS_NAMES", unlist(ds$class_names))
b <- reticulate::iter_next(reticulate::as_iterator(ds))
out("IMAGE_DATASET_BATCH", unlist(b[[1]]$shape$as_list()), as.vector(b[[2]]$numpy()))

# text folders
troot <- file.path(tempdir(), "generator-texts")
for (k in 1:4) {
  cls <- c("neg", "pos")[1 + (k > 2)]
  dir.create(file.path(troot, cls), recursive = TRUE, showWarnings = FALSE)
  writeLines(paste("text number", k), file.path(troot, cls, paste0("t", k, ".txt")))
}
ds <- text_dataset_from_directory(troot, batch_size = 4, shuffle = FALSE)
b <- reticulate::iter_next(reticulate::as_iterator(ds))
out("TEXT_DATASET_CLASS_NAMES", unlist(ds$class_names))
out("TEXT_DATASET_LABELS", as.vector(b[[2]]$numpy()))
out("TEXT_DATASET_FIRST", as.character(b[[1]]$numpy()[[1]]))

# timeseries
ds <- timeseries_dataset_from_array(head(seq(20), -3), tail(seq(20), -3), sequence_length = 3,
                                    start_index = 3, end_index = 9, batch_size = 2)
it <- reticulate::as_iterator(ds)
while (!is.null(b <- reticulate::iter_next(it)))
  out("TIMESERIES_DATASET_BATCH", paste(apply(b[[1]]$numpy(), 1, paste, collapse = " "), collapse = " | "),
      "->", as.vector(b[[2]]$numpy()))
tg <- timeseries_generator(as.numeric(1:20), as.numeric(101:120), length = 4, sampling_rate = 2,
                           stride = 3, start_index = 1, end_index = 15, batch_size = 2)
out("TIMESERIES_GENERATOR_LENGTH", length(tg))
b <- reticulate::py_to_r(reticulate::py_get_item(tg, 1L))
out("TIMESERIES_GENERATOR_BATCH_2", dim(b[[1]]), as.vector(t(b[[1]])), "->", b[[2]])

# keras_array
a <- keras_array(matrix(c(1.5, 2, 3, 4), 2))
out("KERAS_ARRAY", class(a)[1], as.character(a$dtype), a$flags$c_contiguous, as.vector(reticulate::py_to_r(a)))
out("KERAS_ARRAY_INTEGER", as.character(keras_array(1:3)$dtype), as.character(keras_array(1:3, "float64")$dtype))
out("KERAS_ARRAY_NULL", is.null(keras_array(NULL)))

# the deprecated generator verbs, with an R function as the generator
set.seed(1)
xs <- matrix(runif(8 * 3), 8, 3)
ys <- rep(c(0, 1), 4)
model <- keras_model_sequential() %>% layer_dense(2, activation = "softmax", input_shape = 3)
model %>% compile(optimizer = "sgd", loss = "sparse_categorical_crossentropy", metrics = "accuracy")
calls <- 0
batches <- function() {
  calls <<- calls + 1
  i <- (calls %% 2) * 4 + 1:4
  list(xs[i, , drop = FALSE], ys[i])
}
warned <- NULL
history <- withCallingHandlers(
  fit_generator(model, batches, steps_per_epoch = 2, epochs = 2, verbose = 0,
                validation_data = batches, validation_steps = 1),
  warning = function(w) { warned <<- c(warned, conditionMessage(w)); invokeRestart("muffleWarning") })
out("FIT_GENERATOR_WARNING", warned)
out("FIT_GENERATOR_METRICS", sort(names(history$metrics)))
out("FIT_GENERATOR_EPOCHS", length(history$metrics$loss))
score <- suppressWarnings(evaluate_generator(model, batches, steps = 2))
out("EVALUATE_GENERATOR_NAMES", names(score))
p <- suppressWarnings(predict_generator(model, function() list(xs[1:4, ]), steps = 2))
out("PREDICT_GENERATOR_DIM", dim(p))
flow <- flow_images_from_data(x, y, batch_size = 3, seed = 1)
cnn <- keras_model_sequential() %>% layer_flatten(input_shape = c(4, 5, 1)) %>%
  layer_dense(2, activation = "softmax")
cnn %>% compile(optimizer = "sgd", loss = "sparse_categorical_crossentropy", metrics = "accuracy")
history <- cnn %>% fit(flow, steps_per_epoch = 2, epochs = 1, verbose = 0)
out("FIT_FLOW_METRICS", sort(names(history$metrics)))
out("PREDICT_FLOW_DIM", dim(predict(cnn, flow_images_from_data(x, batch_size = 4, shuffle = FALSE), steps = 2)))
