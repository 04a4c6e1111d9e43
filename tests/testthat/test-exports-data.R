# keras R 2.15's exports for data (dataset_* downloads, get_file), ImageNet helpers and text that
# keras R 2.15 could not run offline or at all on TensorFlow 2.15; the rest is checked against
# keras R 2.15 itself by tests/keras_r_oracle/data_text.R. The datasets are read from small files
# written here in Keras' own formats (npz, CIFAR's pickled batches in a .tar.gz, JSON) in a
# temporary Keras folder; their hash is passed to the internal loader, since Keras pins the real
# files' hashes (which the public verbs check: a small file is refused, as it should be).

# Python's environment (R's Sys.setenv() does not reach os.environ) for one test.
with_python_env <- function(values, code) {
  environ <- reticulate::import("os", convert = FALSE)$environ
  old <- lapply(names(values), function(name) reticulate::py_to_r(environ$get(name)))
  for (name in names(values)) environ$`__setitem__`(name, values[[name]])
  on.exit(for (i in seq_along(values)) {
    if (is.null(old[[i]])) environ$pop(names(values)[[i]]) else environ$`__setitem__`(names(values)[[i]], old[[i]])
  })
  force(code)
}

keras_home <- function() {
  home <- tempfile("keras-home-")
  dir.create(file.path(home, "datasets"), recursive = TRUE)
  dir.create(file.path(home, "models"))
  home
}

md5 <- function(path) unname(tools::md5sum(path))

test_that("dataset_imdb() and dataset_reuters() give keras R's sequences, filtered as Keras does", {
  home <- keras_home()
  on.exit(unlink(home, recursive = TRUE))
  reticulate::py_run_string(sprintf("
import numpy as np
def reviews(*seqs):
    a = np.empty(len(seqs), dtype=object)
    for i, s in enumerate(seqs): a[i] = list(s)
    return a
np.savez('%1$s/datasets/imdb.npz', x_train=reviews([1, 2, 3], [4, 5], [6, 1, 1, 1]), y_train=np.array([0, 1, 1]),
         x_test=reviews([7, 8], [9]), y_test=np.array([1, 0]))
np.savez('%1$s/datasets/reuters.npz', x=reviews(*[[i, i + 1] for i in range(1, 11)]), y=np.arange(10))
", home))
  imdb_file <- file.path(home, "datasets", "imdb.npz")
  with_python_env(list(KERAS_HOME = home, PYKERAS_R_OFFLINE = "1"), {
    load <- function(...) pykerasr:::pk_sequences_dataset(
      pykerasr:::pk_keras_dataset_load("imdb", ..., file_hash = md5(imdb_file)))
    d <- load()
    expect_named(d, c("train", "test"))
    expect_named(d$train, c("x", "y"))
    expect_type(d$train$x, "list")
    expect_type(d$train$y, "integer")
    # the pairs survive the seeded shuffle; each review starts with start_char, words shifted by index_from
    pairs <- function(part) sort(paste(sapply(part$x, paste, collapse = ","), part$y))
    expect_equal(pairs(d$train), sort(c("1,4,5,6 0", "1,7,8 1", "1,9,4,4,4 1")))
    # as Keras: with num_words NULL, the largest index itself (12) becomes oov_char
    expect_equal(pairs(d$test), sort(c("1,10,11 1", "1,2 0")))
    expect_identical(load(seed = 113L), d)
    # num_words and skip_top: indexes outside [skip_top, num_words) become oov_char; maxlen drops reviews
    limited <- load(num_words = 6, skip_top = 4, maxlen = 4)
    expect_equal(pairs(limited$train), "2,2,2 1")
    expect_equal(pairs(limited$test), sort(c("2,2,2 1", "2,2 0")))
    plain <- load(start_char = NULL, oov_char = NULL, index_from = 0, num_words = 5)
    expect_equal(pairs(plain$train), sort(c("1,2,3 0", "4 1", "1,1,1 1")))

    reuters_file <- file.path(home, "datasets", "reuters.npz")
    r <- pykerasr:::pk_sequences_dataset(pykerasr:::pk_keras_dataset_load(
      "reuters", num_words = 100L, test_split = 0.3, file_hash = md5(reuters_file)))
    expect_equal(lengths(list(r$train$x, r$test$x)), c(7, 3))
    # wire i (label i - 1) is c(i, i + 1): after the shuffle each wire still carries its own label
    expect_true(all(mapply(function(x, y) identical(as.integer(x), c(1L, y + 4L, y + 5L)),
                           c(r$train$x, r$test$x), c(r$train$y, r$test$y))))

    # the public verbs check Keras' pinned hashes: a file that is not Keras' is refused, offline
    err <- expect_error(dataset_imdb(), "is not the expected file")
    expect_readable_error(err)
    expect_match(conditionMessage(err), "69664113be75683a8fe16e3ed0ab59fda8886cb3cd7ada244f7d9544e4676b9f", fixed = TRUE)
    expect_match(conditionMessage(err), "tf-keras-datasets/imdb.npz", fixed = TRUE)
    expect_error(dataset_reuters(num_words = 100), "reuters.npz, whose copy at")
    # absent files: one paragraph naming the file, the URL and where to put it
    for (absent in list(function() dataset_boston_housing(), function() dataset_imdb_word_index(),
                        function() dataset_reuters_word_index(), function() dataset_cifar100(label_mode = "coarse"))) {
      err <- expect_error(absent(), "cannot be downloaded here")
      expect_readable_error(err)
      expect_match(conditionMessage(err), "put it at ", fixed = TRUE)
      expect_false(grepl("\n", conditionMessage(err), fixed = TRUE))
    }
  })
})

test_that("dataset_boston_housing(), dataset_cifar10/100() and the word indexes read Keras' formats", {
  home <- keras_home()
  on.exit(unlink(home, recursive = TRUE))
  reticulate::py_run_string(sprintf("
import json, os, pickle, tarfile, numpy as np
home = '%s'
np.savez(home + '/datasets/boston_housing.npz', x=np.arange(10 * 13, dtype=float).reshape(10, 13), y=np.arange(10.0))
def batch(folder, name, n, start, keys):
    data = ((np.arange(n * 3072) * 7 + start) %% 251).astype(np.uint8).reshape(n, 3072)
    with open(os.path.join(folder, name), 'wb') as f:
        pickle.dump({b'data': data, **{k.encode(): [(start + i) %% 10 for i in range(n)] for k in keys}}, f)
for folder, names, keys in (('cifar-10-batches-py', ['data_batch_%%d' %% i for i in range(1, 6)] + ['test_batch'], ['labels']),
                            ('cifar-100-python', ['train', 'test'], ['fine_labels', 'coarse_labels'])):
    os.makedirs(os.path.join(home, 'src', folder))
    for i, name in enumerate(names):
        batch(os.path.join(home, 'src', folder), name, 2, i, keys)
    with tarfile.open(os.path.join(home, 'datasets', folder + '.tar.gz'), 'w:gz') as tar:
        tar.add(os.path.join(home, 'src', folder), arcname=folder)
for name in ('imdb', 'reuters'):
    with open(os.path.join(home, 'datasets', name + '_word_index.json'), 'w') as f:
        json.dump({'the': 1, 'movie': 2}, f)
", home))
  file <- function(name) file.path(home, "datasets", name)
  with_python_env(list(KERAS_HOME = home, PYKERAS_R_OFFLINE = "1"), {
    b <- pykerasr:::pk_arrays_dataset(pykerasr:::pk_keras_dataset_load(
      "boston_housing", file_hash = md5(file("boston_housing.npz"))))
    expect_equal(dim(b$train$x), c(8, 13))
    expect_equal(dim(b$test$x), c(2, 13))
    expect_equal(b$train$x[, 1], b$train$y * 13, ignore_attr = TRUE)  # rows stay with their prices through the shuffle
    expect_setequal(c(b$train$y, b$test$y), 0:9)

    c10 <- pykerasr:::pk_arrays_dataset(pykerasr:::pk_keras_dataset_load(
      "cifar10", file_hash = md5(file("cifar-10-batches-py.tar.gz"))))
    expect_equal(dim(c10$train$x), c(10, 32, 32, 3))
    expect_equal(dim(c10$train$y), c(10, 1))
    expect_equal(dim(c10$test$x), c(2, 32, 32, 3))
    expect_type(c10$train$x, "integer")
    expect_equal(as.vector(c10$train$y), c(0, 1, 1, 2, 2, 3, 3, 4, 4, 5))
    # CIFAR's rows hold the red plane, then green, then blue: pixel [1, 1] of image 1 is bytes 0, 1024, 2048
    expect_equal(c10$train$x[1, 1, 1, ], (c(0, 1024, 2048) * 7) %% 251)
    expect_equal(c10$train$x[1, 1, 2, ], (c(1, 1025, 2049) * 7) %% 251)
    expect_true(dir.exists(file.path(home, "datasets", "cifar-10-batches-py")))  # unpacked beside it, once
    c100 <- pykerasr:::pk_arrays_dataset(pykerasr:::pk_keras_dataset_load(
      "cifar100", label_mode = "coarse", file_hash = md5(file("cifar-100-python.tar.gz"))))
    expect_equal(dim(c100$train$x), c(2, 32, 32, 3))
    expect_equal(as.vector(c100$test$y), c(1, 2))

    index <- pykerasr:::pk_keras_dataset_load("word_index", "imdb", file_hash = md5(file("imdb_word_index.json")))
    expect_identical(index, list(the = 1L, movie = 2L))
    err <- expect_error(dataset_cifar10(), "cifar-10-python.tar.gz")
    expect_readable_error(err)
    expect_error(dataset_imdb_word_index(), "bfafd718b763782e994055a2d397834f")
    expect_error(dataset_cifar100("middle"), "'arg' should be one of")
  })
})

test_that("get_file() refuses offline with a paragraph, and a wrong hash keeps nothing", {
  cache <- tempfile("get-file-")
  on.exit(unlink(cache, recursive = TRUE))
  with_python_env(list(PYKERAS_R_OFFLINE = "1"), {
    err <- expect_error(get_file("weights.h5", origin = "https://example.org/weights.h5", cache_dir = cache),
                        "cannot be downloaded here")
    expect_readable_error(err)
    expect_match(conditionMessage(err), file.path(cache, "datasets", "weights.h5"), fixed = TRUE)
  })
  source_file <- tempfile(fileext = ".txt")
  writeLines("data", source_file)
  origin <- paste0("file://", source_file)
  expect_error(get_file("data.txt", origin = origin, file_hash = strrep("a", 64), cache_dir = cache),
               "SHA-256 is")
  expect_false(file.exists(file.path(cache, "datasets", "data.txt")))
  expect_equal(list.files(file.path(cache, "datasets"), all.files = TRUE, no.. = TRUE), character())
  got <- get_file(NULL, origin = origin, file_hash = md5(source_file), cache_dir = cache)
  expect_equal(basename(got), basename(source_file))  # fname = NULL: the origin's last part
})

test_that("imagenet_decode_predictions() gives keras R's data frames, and refuses without the class index", {
  home <- keras_home()
  on.exit(unlink(home, recursive = TRUE))
  index_file <- file.path(home, "models", "imagenet_class_index.json")
  classes <- sprintf('"%d": ["n%08d", "class %d"]', 0:999, 0:999, 0:999)
  writeLines(paste0("{", paste(classes, collapse = ", "), "}"), index_file)
  preds <- matrix(0, 2, 1000)
  preds[1, c(6, 3, 1000)] <- c(0.5, 0.3, 0.2)
  preds[2, 11] <- 1
  with_python_env(list(KERAS_HOME = home, PYKERAS_R_OFFLINE = "1"), {
    decoded <- pykerasr:::pk_decode_predictions(preds, top = 3, file_hash = md5(index_file))
    expect_length(decoded, 2)
    expect_equal(decoded[[1]], data.frame(class_name = c("n00000005", "n00000002", "n00000999"),
                                          class_description = c("class 5", "class 2", "class 999"),
                                          score = c(0.5, 0.3, 0.2), stringsAsFactors = FALSE))
    expect_equal(decoded[[2]]$class_name[1], "n00000010")
    # the public verbs check Keras' pinned MD5: this small index is refused; without one, the same paragraph
    err <- expect_error(imagenet_decode_predictions(preds), "c2c37ea517e94d9795004a39431a14cb")
    expect_readable_error(err)
    unlink(index_file)
    expect_error(mobilenet_decode_predictions(preds, top = 1), "imagenet_class_index.json, which is not in Keras' folder")
    expect_error(mobilenet_v2_decode_predictions(preds), "put it at ")
    expect_error(imagenet_decode_predictions(preds[, 1:10]), "1000 classes")
  })
})

test_that("text_to_word_sequence() and mobilenet_v2_preprocess_input(), which keras R 2.15 could not run; fitting is invisible", {
  expect_equal(text_to_word_sequence("Hello, World!  It's\tme."), c("hello", "world", "it's", "me"))
  expect_equal(text_to_word_sequence("A-b c", filters = "", lower = FALSE, split = "-"), c("A", "b c"))
  tokenizer <- text_tokenizer()
  expect_invisible(fit_text_tokenizer(tokenizer, c("one two", "two")))  # as keras R's, fitted in place
  expect_equal(tokenizer$document_count, 2)
  x <- array(c(0, 51, 127.5, 255), c(1, 2, 2, 1))[, , , c(1, 1, 1), drop = FALSE]
  expect_equal(mobilenet_v2_preprocess_input(x), x / 127.5 - 1, tolerance = 1e-6, ignore_attr = TRUE)
  expect_equal(imagenet_preprocess_input(x, mode = "tf"), x / 127.5 - 1, tolerance = 1e-6, ignore_attr = TRUE)
})

test_that("application_densenet() and application_nasnet() build any blocks offline; MobileNets load from HDF5", {
  d <- application_densenet(blocks = c(1, 2, 1, 1), weights = NULL, include_top = FALSE, input_shape = c(32, 32, 3))
  names <- vapply(d$layers, function(l) l$name, character(1))
  # one dense block per stage, blocks[i] convolution blocks in stage i + 1
  expect_equal(sapply(2:5, function(stage) sum(grepl(sprintf("^conv%d_block[0-9]+_concat$", stage), names))),
               c(1, 2, 1, 1))
  expect_error(application_densenet(blocks = c(1, 1, 1, 1)), "would download pretrained weights")
  n <- application_nasnet(input_shape = c(32, 32, 3), penultimate_filters = 96, num_blocks = 1,
                          stem_block_filters = 8, classes = 5)
  expect_equal(unlist(n$output$shape), 5)
  expect_equal(sum(grepl("^normal_concat_", vapply(n$layers, function(l) l$name, character(1)))), 3)

  m <- application_mobilenet(input_shape = c(32, 32, 3), alpha = 0.25, weights = NULL, classes = 3)
  file <- tempfile(fileext = ".h5")
  on.exit(unlink(file))
  save_model_hdf5(m, file)
  x <- array(runif(32 * 32 * 3), c(1, 32, 32, 3))
  loaded <- mobilenet_load_model_hdf5(file)
  expect_equal(predict(loaded, x, verbose = 0), predict(m, x, verbose = 0), tolerance = 1e-6)
  expect_equal(mobilenet_v2_load_model_hdf5(file)$count_params(), m$count_params())
})
