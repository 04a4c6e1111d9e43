# keras R 2.x's data pipelines: image_data_generator() and its flows, generator_next(), the
# deprecated fit_generator() / evaluate_generator() / predict_generator(), timeseries_generator(),
# hdf5_matrix(), keras_array() and the tf.data makers (image_dataset_from_directory()...), with
# keras R 2.15's argument names and defaults. Keras 3 removed the generators: pykeras_r.generators
# and pykeras_r.image_generators rebuild them on Keras 3's pieces; these wrappers only convert.

# pykeras_r.generators (it imports Keras), after pykerasr's Python is started and checked;
# `convert = FALSE` keeps its values Python objects (keras_array()'s numpy arrays).
pk_generators <- function(convert = TRUE) {
  pk_bridge()
  reticulate::import("pykeras_r.generators", convert = convert)
}

#' Generate batches of image data with real-time data augmentation
#'
#' keras R 2.x's (deprecated) image generator, rebuilt on Keras 3, which has none: each flow
#' ([flow_images_from_data()], [flow_images_from_directory()], [flow_images_from_dataframe()])
#' gives batches of images, each randomly transformed (rotation, shifts, shear, zoom, channel
#' shift, flips, brightness, drawn as Keras 2 drew them, from numpy's generator seeded by the
#' flow's `seed`) and then normalized (`preprocessing_function`, `rescale`, the samplewise and
#' featurewise steps). Layers such as [layer_random_flip()] are Keras 3's newer way.
#'
#' @param featurewise_center Set the mean over the dataset to 0, per channel (needs
#'   [fit_image_data_generator()]).
#' @param samplewise_center Set each image's mean to 0.
#' @param featurewise_std_normalization Divide by the dataset's std, per channel (needs
#'   [fit_image_data_generator()]).
#' @param samplewise_std_normalization Divide each image by its std.
#' @param zca_whitening Apply ZCA whitening (needs [fit_image_data_generator()]).
#' @param zca_epsilon Epsilon for ZCA whitening.
#' @param rotation_range Degrees (0 to 180): a random rotation in `[-r, r]`.
#' @param width_shift_range,height_shift_range A fraction of the width / height (below 1) or
#'   pixels (1 or more): a random shift in `[-s, s]`; or a vector of values to choose from. As in
#'   keras R 2.15 (Keras 2.15 swaps the axes of its transform), a width shift moves the image
#'   along its rows and a height shift along its columns.
#' @param brightness_range `NULL` or `c(lower, upper)`: a random brightness factor (the image is
#'   then on the 0-255 scale, as in Keras 2).
#' @param shear_range Shear angle in degrees (counter-clockwise), as Keras 2.15 read it.
#' @param zoom_range A number z (a random zoom in `[1 - z, 1 + z]`) or `c(lower, upper)`.
#' @param channel_shift_range A random shift of the values in `[-r, r]`, clipped to the image's range.
#' @param fill_mode How points outside the image are filled: `"constant"` (`kkkk|abcd|kkkk`, with
#'   `cval`), `"nearest"` (`aaaa|abcd|dddd`), `"reflect"` (`dcba|abcd|dcba`) or `"wrap"` (`abcd|abcd|abcd`).
#' @param cval The value of `fill_mode = "constant"`.
#' @param horizontal_flip,vertical_flip Whether to flip half the images at random (left-right, up-down).
#' @param rescale A factor multiplying every value before the other normalization steps (e.g.
#'   `1/255`); `NULL` or 0 for none.
#' @param preprocessing_function A function of one image (an array `c(height, width, channels)`)
#'   returning an array of the same shape, run first in normalization. An R function runs on R's
#'   main thread (each epoch's batches are made when the epoch starts).
#' @param data_format `NULL` (Keras' setting, `"channels_last"`), `"channels_last"` or `"channels_first"`.
#' @param validation_split Fraction of the images kept for `subset = "validation"` of a flow (the
#'   first ones of `x`; of each class folder).
#' @return An image data generator (a Python object), for the flows and [fit_image_data_generator()].
#' @family image preprocessing
#' @export
image_data_generator <- function(featurewise_center = FALSE, samplewise_center = FALSE,
                                 featurewise_std_normalization = FALSE, samplewise_std_normalization = FALSE,
                                 zca_whitening = FALSE, zca_epsilon = 1e-6, rotation_range = 0.0, width_shift_range = 0.0,
                                 height_shift_range = 0.0, brightness_range = NULL, shear_range = 0.0, zoom_range = 0.0, channel_shift_range = 0.0,
                                 fill_mode = "nearest", cval = 0.0, horizontal_flip = FALSE, vertical_flip = FALSE,
                                 rescale = NULL, preprocessing_function = NULL, data_format = NULL, validation_split=0.0) {
  pk_call(pk_generators()$image_data_generator,
          featurewise_center = featurewise_center, samplewise_center = samplewise_center,
          featurewise_std_normalization = featurewise_std_normalization,
          samplewise_std_normalization = samplewise_std_normalization, zca_whitening = zca_whitening,
          zca_epsilon = zca_epsilon, rotation_range = rotation_range, width_shift_range = width_shift_range,
          height_shift_range = height_shift_range, brightness_range = as_py_list(brightness_range),
          shear_range = shear_range, zoom_range = zoom_range, channel_shift_range = channel_shift_range,
          fill_mode = fill_mode, cval = cval, horizontal_flip = horizontal_flip, vertical_flip = vertical_flip,
          rescale = rescale, preprocessing_function = preprocessing_function, data_format = data_format,
          validation_split = validation_split)
}

#' Fit an image data generator's statistics to sample images
#'
#' Needed for `featurewise_center`, `featurewise_std_normalization` and `zca_whitening`: the
#' per-channel mean and std (and ZCA's matrix) of `x`, after `rescale`.
#'
#' @param object An [image_data_generator()], changed in place.
#' @param x Sample images, an array `c(n, height, width, channels)` (1 channel for grey, 3 for RGB).
#' @param augment Whether to fit on randomly augmented copies.
#' @param rounds With `augment`, how many augmented copies of `x`.
#' @param seed Optional whole number seeding the augmentation.
#' @return `NULL`, invisibly.
#' @family image preprocessing
#' @export
fit_image_data_generator <- function(object, x, augment = FALSE, rounds = 1, seed = NULL) {
  history <- pk_call(pk_generators()$fit_image_data_generator, object, x, augment = augment,
                     rounds = as_py_integer(rounds), seed = as_py_integer(seed))
  invisible(history)
}

#' Batches of augmented / normalized images from an array
#'
#' A flow: `fit()`, `evaluate()` and `predict()` take it as `x` (with `steps_per_epoch` /
#' `steps` if one pass over the images is not what you want), and [generator_next()] gives its
#' next batch. It loops over the images forever, reshuffling each pass.
#'
#' @param x Images, an array `c(n, height, width, channels)`; sent as float32.
#' @param y Labels, one per image (or `NULL`: the batches are the images alone).
#' @param generator An [image_data_generator()] (the default one only batches).
#' @param batch_size Images per batch.
#' @param shuffle Whether to shuffle the images each pass.
#' @param sample_weight Optional weights, one per image (a third element of each batch).
#' @param seed Optional whole number: the same seed gives the same order and transforms.
#' @param save_to_dir Optional folder where each transformed image is saved (to look at them).
#' @param save_prefix Prefix of the saved images' names.
#' @param save_format `"png"` or `"jpeg"`.
#' @param subset `"training"` or `"validation"` with the generator's `validation_split`.
#' @return A flow (a Keras `PyDataset`) whose batches are `list(x, y)` (`x`: float32
#'   `c(batch, height, width, channels)`), `list(x, y, w)` or `x`.
#' @family image preprocessing
#' @export
flow_images_from_data <- function(
  x, y = NULL, generator = image_data_generator(), batch_size = 32,
  shuffle = TRUE, sample_weight = NULL, seed = NULL,
  save_to_dir = NULL, save_prefix = "", save_format = 'png', subset = NULL) {
  pk_call(pk_generators()$flow_images_from_data, x, y, generator = generator,
          batch_size = as_py_integer(batch_size), shuffle = shuffle, sample_weight = sample_weight,
          seed = as_py_integer(seed), save_to_dir = as_py_path(save_to_dir), save_prefix = save_prefix,
          save_format = save_format, subset = subset)
}

#' Batches of augmented / normalized images from a folder of class folders
#'
#' `directory` holds one folder per class (their names in alphanumeric order give the labels
#' 0, 1, ...: the flow's `class_indices`), each holding PNG, JPEG, BMP, PPM or TIFF images.
#'
#' @inheritParams flow_images_from_data
#' @param directory The folder of class folders.
#' @param target_size `c(height, width)` every image is resized to.
#' @param color_mode `"grayscale"`, `"rgb"` or `"rgba"`: 1, 3 or 4 channels.
#' @param classes Optional class folder names, in label order (default: every folder, sorted).
#' @param class_mode `"categorical"` (one-hot rows), `"binary"` (0/1), `"sparse"` (integer
#'   labels), `"input"` (the images again, for autoencoders) or `NULL` (no labels).
#' @param follow_links Whether to follow symbolic links inside the class folders.
#' @param interpolation How images are resized: `"nearest"`, `"bilinear"`, `"bicubic"`...
#' @return A flow, as [flow_images_from_data()]'s; `$class_indices`, `$classes` (each image's
#'   label) and `$filenames` say what it read.
#' @family image preprocessing
#' @export
flow_images_from_directory <- function(
  directory, generator = image_data_generator(), target_size = c(256, 256), color_mode = "rgb",
  classes = NULL, class_mode = "categorical",
  batch_size = 32, shuffle = TRUE, seed = NULL,
  save_to_dir = NULL, save_prefix = "", save_format = "png",
  follow_links = FALSE, subset = NULL, interpolation = "nearest") {
  pk_call(pk_generators()$flow_images_from_directory, as_py_path(directory), generator = generator,
          target_size = as_py_shape(target_size), color_mode = color_mode, classes = as_py_list(classes),
          class_mode = class_mode, batch_size = as_py_integer(batch_size), shuffle = shuffle,
          seed = as_py_integer(seed), save_to_dir = as_py_path(save_to_dir), save_prefix = save_prefix,
          save_format = save_format, follow_links = follow_links, subset = subset,
          interpolation = interpolation)
}

#' Batches of augmented / normalized images named in a data frame
#'
#' @inheritParams flow_images_from_directory
#' @param dataframe A data frame with a column of image file names (`x_col`) and, for labels, a
#'   column of class names (`y_col`; for `"other"` the column(s) as they are).
#' @param directory The folder the file names are relative to, or `NULL` for absolute paths.
#' @param x_col The column of file names.
#' @param y_col The column (or columns) of labels.
#' @param class_mode `"categorical"`, `"binary"`, `"sparse"`, `"input"`, `"other"` / `"raw"`
#'   (the `y_col` values) or `NULL`.
#' @param drop_duplicates Deprecated (TensorFlow 2.3): given, a warning says it is ignored, as in keras R.
#' @return A flow, as [flow_images_from_directory()]'s.
#' @family image preprocessing
#' @export
flow_images_from_dataframe <- function(
  dataframe, directory = NULL, x_col = "filename", y_col = "class",
  generator = image_data_generator(), target_size = c(256,256),
  color_mode = "rgb", classes = NULL, class_mode = "categorical",
  batch_size = 32, shuffle = TRUE, seed = NULL, save_to_dir = NULL,
  save_prefix = "", save_format = "png", subset = NULL,
  interpolation = "nearest", drop_duplicates = NULL) {
  if (!is.null(drop_duplicates)) {
    warning("'drop_duplicates' is deprecated as of tensorflow 2.3 and will be ignored. Make sure the supplied dataframe does not contain duplicates.")
  }
  # its columns as a named list (a Python dict): no pandas needed
  columns <- lapply(as.list(as.data.frame(dataframe, stringsAsFactors = FALSE)),
                    function(v) if (is.factor(v)) as.character(v) else as.list(v))
  pk_call(pk_generators()$flow_images_from_dataframe, columns, as_py_path(directory),
          x_col = x_col, y_col = if (length(y_col) > 1L) as.list(y_col) else y_col, generator = generator,
          target_size = as_py_shape(target_size), color_mode = color_mode, classes = as_py_list(classes),
          class_mode = class_mode, batch_size = as_py_integer(batch_size), shuffle = shuffle,
          seed = as_py_integer(seed), save_to_dir = as_py_path(save_to_dir), save_prefix = save_prefix,
          save_format = save_format, subset = subset, interpolation = interpolation)
}

#' Retrieve the next item from a generator
#'
#' The next batch of a flow ([flow_images_from_data()]...), a [timeseries_generator()] or a
#' Python iterator, as R values (a flow's: `list(x, y)`).
#'
#' @param generator The generator.
#' @param completed What to return when it has no more items (flows never run out).
#' @return The next item, or `completed`.
#' @export
generator_next <- function(generator, completed = NULL) {
  value <- pk_call(pk_generators()$generator_next, generator, NULL)
  if (is.null(value)) completed else value
}

#' (Deprecated) Train a model on batches from a generator
#'
#' keras R 2.15 deprecated it for [fit()], which takes generators: it warns so, and calls
#' `fit(object, x = generator, ...)`.
#'
#' @param object A compiled Keras model.
#' @param generator A flow ([flow_images_from_data()]...), a [timeseries_generator()], a tf.data
#'   dataset, or an R function of no arguments returning one batch, `list(x, y)` or
#'   `list(x, y, sample_weight)`, at each call (called on R's main thread: each epoch's
#'   `steps_per_epoch` batches when the epoch starts).
#' @param steps_per_epoch Batches per epoch.
#' @param epochs Number of epochs (the last epoch's number with `initial_epoch`).
#' @param verbose 0, 1 or 2 (or `"auto"`).
#' @param callbacks Optional list of callbacks.
#' @param view_metrics Accepted and ignored, as by [fit()].
#' @param validation_data Optional validation data: a generator as above, or `list(x, y)`.
#' @param validation_steps Batches of a validation generator per epoch.
#' @param class_weight Optional named list of weights, one per class, as [fit()]'s.
#' @param max_queue_size,workers Accepted and ignored: Keras 3 reads a generator in one thread
#'   here (R generators must run on R's main thread).
#' @param initial_epoch The epoch to resume training at (0-based).
#' @return The training history, invisibly, as [fit()]'s.
#' @keywords internal
#' @export
fit_generator <- function(object, generator, steps_per_epoch, epochs = 1,
                          verbose=getOption("keras.fit_verbose", default = 1), callbacks = NULL,
                          view_metrics = getOption("keras.view_metrics", default = "auto"),
                          validation_data = NULL, validation_steps = NULL,
                          class_weight = NULL, max_queue_size = 10, workers = 1, initial_epoch = 0) {
  warning("`fit_generator` is deprecated. Use `fit` instead, it now accept generators.")
  fit(object, x = generator, steps_per_epoch = steps_per_epoch, epochs = epochs, verbose = verbose,
      callbacks = callbacks, view_metrics = view_metrics, validation_data = validation_data,
      validation_steps = validation_steps, class_weight = class_weight, initial_epoch = initial_epoch)
}

#' (Deprecated) Evaluate a model on batches from a generator
#'
#' keras R 2.15 deprecated it for [evaluate()], which takes generators: it warns so, and calls
#' `evaluate(object, x = generator, steps = steps)`.
#'
#' @inheritParams fit_generator
#' @param generator A generator as [fit_generator()]'s, its batches `list(x, y)`.
#' @param steps Batches to evaluate.
#' @return The loss and metrics, as [evaluate()]'s.
#' @keywords internal
#' @export
evaluate_generator <- function(object, generator, steps, max_queue_size = 10, workers = 1,
                               callbacks = NULL) {
  warning("`evaluate_generator` is deprecated. Use `evaluate` instead, it now accept generators.")
  evaluate(object, x = generator, steps = steps, callbacks = callbacks)
}

#' (Deprecated) Predict on batches from a generator
#'
#' keras R 2.15 deprecated it for [predict()], which takes generators: it warns so, and calls
#' `predict(object, x = generator, steps = steps)`.
#'
#' @inheritParams evaluate_generator
#' @param generator A generator as [fit_generator()]'s; its batches' labels, if any, are unused
#'   (an R function may return the inputs alone).
#' @param verbose 0 or 1.
#' @return The predictions, a matrix with one row per sample.
#' @keywords internal
#' @export
predict_generator <- function(object, generator, steps, max_queue_size = 10, workers = 1, verbose = 0,
                              callbacks = NULL) {
  warning("`predict_generator` is deprecated. Use `predict` instead, it now accept generators.")
  predict(object, x = generator, steps = steps, verbose = verbose, callbacks = callbacks)
}

#' Batches of windows over a timeseries (Keras 2's TimeseriesGenerator)
#'
#' Window `i` (0-based) ends just before row `start_index + length + i * stride` of `data`
#' (0-based rows, as in keras R 2.x); its target is `targets` at that row.
#'
#' @param data Consecutive data points, time on the first axis (a vector or an array).
#' @param targets Targets, one per row of `data`.
#' @param length Length of the windows (in time steps before `sampling_rate`).
#' @param sampling_rate Every how many steps a window takes a row.
#' @param stride Steps between the ends of consecutive windows.
#' @param start_index,end_index 0-based rows bounding the windows' ends (`NULL`: the last row).
#' @param shuffle Whether to draw windows at random instead of in order.
#' @param reverse Whether each window runs backwards in time.
#' @param batch_size Windows per batch.
#' @return A generator (a Keras `PyDataset`) for [fit()] and [generator_next()]; each batch is
#'   `list(windows, targets)`, windows float32 `c(batch, length / sampling_rate, ...)`.
#' @export
timeseries_generator <- function(data, targets, length, sampling_rate = 1,
                                 stride = 1, start_index = 0, end_index = NULL,
                                 shuffle = FALSE, reverse = FALSE, batch_size = 128) {
  pk_call(pk_generators()$timeseries_generator, data, targets, as_py_integer(length),
          sampling_rate = as_py_integer(sampling_rate), stride = as_py_integer(stride),
          start_index = as_py_integer(start_index), end_index = as_py_integer(end_index),
          shuffle = shuffle, reverse = reverse, batch_size = as_py_integer(batch_size))
}

#' Representation of an HDF5 dataset to be used instead of an R array
#'
#' Keras 2's `HDF5Matrix` (which keras R 2.15 could no longer reach on TensorFlow >= 2.4),
#' rebuilt with h5py: rows `start` to `end` of a dataset of an HDF5 file, read when indexed
#' (`m[0:10]`, 0-based as in Python) or converted (`as.array(m)`, or `fit(model, m, y)`, which
#' reads them all).
#'
#' @param datapath Path to an HDF5 file.
#' @param dataset Name of the dataset in the file.
#' @param start,end 0-based first row and end (exclusive; `NULL`: the last row) of the slice.
#' @param normalizer Optional function applied to the data when it is read.
#' @return An array-like HDF5 dataset (`$shape`, `$dtype`, `length()`).
#' @export
hdf5_matrix <- function(datapath, dataset, start = 0, end = NULL, normalizer = NULL) {
  pk_call(pk_generators()$hdf5_matrix, as_py_path(datapath), dataset,
          as_py_integer(start), as_py_integer(end), normalizer)
}

#' Convert an R vector, matrix or array to a Keras array
#'
#' As keras R 2.x: doubles become float32 (Keras' floatx), integers int32, in C order; a list
#' is converted element by element; `NULL`, tensors and Python objects are left as they are.
#'
#' @param x An R vector, matrix, array or list of them (a data frame: its columns).
#' @param dtype Optional numpy dtype, e.g. `"float64"`.
#' @return A numpy array (a Python object), or a list of them.
#' @export
keras_array <- function(x, dtype = NULL) {
  if (is.null(x) || inherits(x, "python.builtin.object")) return(x)
  if (is.data.frame(x)) x <- as.list(x)
  if (is.list(x)) return(lapply(x, keras_array, dtype = dtype))
  if (!is.array(x)) x <- as.array(x)
  pk_call(pk_generators(convert = FALSE)$keras_array, x, dtype)
}

#' Create a dataset from a folder of image folders
#'
#' Keras 3's `image_dataset_from_directory()`: a tf.data dataset of batches `list(images,
#' labels)` (images float32 `c(batch, height, width, channels)`, 0-255), the labels taken from
#' the class folders (in alphanumeric order, 0-based).
#'
#' @param directory The folder of class folders.
#' @param labels `"inferred"` (from the folders), `NULL`, or one integer label per file.
#' @param label_mode `"int"`, `"categorical"`, `"binary"` or `NULL`.
#' @param class_names Optional class folder names, in label order.
#' @param color_mode `"grayscale"`, `"rgb"` or `"rgba"`.
#' @param batch_size Images per batch (`NULL`: single images).
#' @param image_size `c(height, width)` every image is resized to.
#' @param shuffle Whether to shuffle (else alphanumeric order).
#' @param seed Optional whole number for the shuffle and the split.
#' @param validation_split Optional fraction held out for `subset = "validation"`.
#' @param subset `"training"`, `"validation"` or `"both"` (a list of the two datasets).
#' @param interpolation How images are resized: `"bilinear"`, `"nearest"`, `"bicubic"`, `"area"`...
#' @param follow_links Whether to follow symbolic links.
#' @param crop_to_aspect_ratio Whether to crop rather than distort to `image_size`'s aspect ratio.
#' @param ... Further arguments of Keras 3's function (e.g. `pad_to_aspect_ratio`).
#' @return A tf.data dataset (class `tf_dataset`, for tfdatasets), for [fit()] and friends.
#' @export
image_dataset_from_directory <- function(
  directory,
  labels="inferred",
  label_mode="int",
  class_names=NULL,
  color_mode="rgb",
  batch_size=32,
  image_size=c(256, 256),
  shuffle=TRUE,
  seed=NULL,
  validation_split=NULL,
  subset=NULL,
  interpolation="bilinear",
  follow_links=FALSE,
  crop_to_aspect_ratio = FALSE,
  ...
) {
  out <- pk_call(pk_generators()$image_dataset_from_directory, as_py_path(directory),
                 labels = if (is.character(labels) || is.null(labels)) labels else as.list(as.integer(labels)),
                 label_mode = label_mode, class_names = as_py_list(class_names), color_mode = color_mode,
                 batch_size = as_py_integer(batch_size), image_size = as_py_shape(image_size),
                 shuffle = shuffle, seed = as_py_integer(seed), validation_split = validation_split,
                 subset = subset, interpolation = interpolation, follow_links = follow_links,
                 crop_to_aspect_ratio = crop_to_aspect_ratio, ...)
  if (inherits(out, "python.builtin.object")) class(out) <- unique(c("tf_dataset", class(out)))
  out
}

#' Create a dataset from a folder of text folders
#'
#' Keras 3's `text_dataset_from_directory()`: batches `list(texts, labels)` of the `.txt` files
#' of the class folders (labels 0-based, folders in alphanumeric order).
#'
#' @inheritParams image_dataset_from_directory
#' @param max_length Optional maximum length of a text (longer ones are cut).
#' @param subset `"training"` or `"validation"`.
#' @return A tf.data dataset.
#' @export
text_dataset_from_directory <-
function(directory,
         labels = "inferred",
         label_mode = "int",
         class_names = NULL,
         batch_size = 32L,
         max_length = NULL,
         shuffle = TRUE,
         seed = NULL,
         validation_split = NULL,
         subset = NULL,
         follow_links = FALSE,
         ...
)
{
  pk_call(pk_generators()$text_dataset_from_directory, as_py_path(directory),
          labels = if (is.character(labels) || is.null(labels)) labels else as.list(as.integer(labels)),
          label_mode = label_mode, class_names = as_py_list(class_names),
          batch_size = as_py_integer(batch_size), max_length = as_py_integer(max_length),
          shuffle = shuffle, seed = as_py_integer(seed), validation_split = validation_split,
          subset = subset, follow_links = follow_links, ...)
}

#' Create a dataset of sliding windows over a timeseries
#'
#' Keras 3's `timeseries_dataset_from_array()`: batches of windows of `sequence_length` rows of
#' `data` (time on the first axis), with `targets[i]` the target of the window starting at row
#' `i` (or no targets). `start_index` and `end_index` are 1-based, as in keras R 2.x.
#'
#' @param data An array or vector, time on the first axis.
#' @param targets Targets (`targets[i]` for the window starting at `i`), or `NULL`.
#' @param sequence_length Rows per window.
#' @param sequence_stride Rows between the starts of consecutive windows.
#' @param sampling_rate Every how many rows a window takes one.
#' @param batch_size Windows per batch (`NULL`: single windows).
#' @param shuffle Whether to shuffle the windows.
#' @param ... Further arguments of Keras 3's function.
#' @param seed Optional whole number for the shuffle.
#' @param start_index,end_index Optional 1-based first and last rows used (`end_index = -1`: the last).
#' @return A tf.data dataset of `list(windows, targets)` (or windows alone).
#' @export
timeseries_dataset_from_array <-
function(data, targets, sequence_length, sequence_stride = 1L,
         sampling_rate = 1L, batch_size = 128L, shuffle = FALSE, ...,
         seed = NULL, start_index = NULL, end_index = NULL)
{
  pk_call(pk_generators()$timeseries_dataset_from_array, data, targets, as_py_integer(sequence_length),
          sequence_stride = as_py_integer(sequence_stride), sampling_rate = as_py_integer(sampling_rate),
          batch_size = as_py_integer(batch_size), shuffle = shuffle, seed = as_py_integer(seed),
          start_index = as_py_slice_start(start_index), end_index = as_py_slice_end(end_index), ...)
}
