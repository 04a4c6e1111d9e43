# keras R 2.x's text preprocessing, *_preprocess_input(), get_file() with a file:// origin and the
# DenseNet/NASNet sizes, printed as KEY: value lines: run on keras R 2.15 (the oracle, which wrote
# data_text.keras-2.15.txt) and on pykerasr, by tests/test_keras_r_oracle.py. What keras R 2.15
# cannot run offline (the dataset_*() downloads, decode_predictions) or at all on TF 2.15
# (text_to_word_sequence, mobilenet_v2_preprocess_input, application_densenet/nasnet) is in tests/testthat/test-exports-data.R.
suppressPackageStartupMessages(library(LIBRARY))  # keras (keras R 2.15) or pykerasr
out <- function(key, ...) cat(key, ": ", paste(sapply(list(...), paste, collapse = " "), collapse = " "), "\n", sep = "")
named <- function(x) paste0(names(x), "=", unlist(x))

texts <- c("The cat sat on the mat.", "The dog ate my homework!", "Cat and dog, the end")
tok <- text_tokenizer()
fit_text_tokenizer(tok, texts)
out("WORD_INDEX", named(tok$word_index))
out("WORD_COUNTS", named(tok$word_counts)[order(names(tok$word_counts))])
out("DOCUMENT_COUNT", tok$document_count)
out("SEQUENCES", sapply(texts_to_sequences(tok, c(texts, "a zebra and the cat")), paste, collapse = ","))
out("SEQUENCE_ONE", unlist(texts_to_sequences(tok, "dog cat")))
for (mode in c("binary", "count", "tfidf", "freq"))
  out(paste0("MATRIX_", toupper(mode)), signif(texts_to_matrix(tok, texts[2:3], mode = mode), 5))
out("MATRIX_DIM", dim(texts_to_matrix(tok, texts, mode = "binary")))
out("SEQ_MATRIX", sequences_to_matrix(tok, list(c(1L, 2L, 2L), 3L), mode = "count"))
gen <- texts_to_sequences_generator(tok, texts[1:2])
out("GENERATOR", paste(reticulate::iter_next(gen), collapse = ","), paste(reticulate::iter_next(gen), collapse = ","))

small <- text_tokenizer(num_words = 4, oov_token = "<OOV>", lower = FALSE)
fit_text_tokenizer(small, c("b a b c", "a d b B"))
out("OOV_INDEX", named(small$word_index))
out("OOV_SEQUENCES", unlist(texts_to_sequences(small, "b z a c B")))
out("OOV_MATRIX", texts_to_matrix(small, "b z a c", mode = "count"))
chars <- text_tokenizer(char_level = TRUE)
fit_text_tokenizer(chars, c("abba", "cab"))
out("CHAR_INDEX", named(chars$word_index))
split <- text_tokenizer(split = "-", filters = "")
fit_text_tokenizer(split, "x-y-x-Z")
out("SPLIT_INDEX", named(split$word_index))
on_sequences <- text_tokenizer(num_words = 5)
fit_text_tokenizer(on_sequences, list(c(1L, 2L), c(2L, 3L, 3L)))
out("FIT_SEQUENCES", on_sequences$document_count, signif(sequences_to_matrix(on_sequences, list(c(2L, 3L)), mode = "tfidf"), 5))
file <- tempfile(fileext = ".pkl")
save_text_tokenizer(small, file)
out("SAVED_LOADED", named(load_text_tokenizer(file)$word_index))

out("HASHING_MD5", text_hashing_trick("The cat sat on the mat", n = 20, hash_function = "md5"))
one_hot <- text_one_hot("the cat the dog", n = 10)
out("ONE_HOT", length(one_hot), all(one_hot >= 1 & one_hot <= 9), one_hot[1] == one_hot[3])
sg <- skipgrams(c(1, 2, 3, 4, 5), vocabulary_size = 6, window_size = 2, seed = 7)
positive <- sg$labels == 1  # the random (negative) pairs are drawn before the seed is set: not repeatable
out("SKIPGRAMS", sapply(sg$couples[positive], paste, collapse = ","), "|", sg$labels, "|", length(sg$couples))
sg <- skipgrams(c(1, 2, 3), vocabulary_size = 4, window_size = 1, negative_samples = 0, shuffle = FALSE,
                categorical = TRUE)
out("SKIPGRAMS_CATEGORICAL", sapply(sg$couples, paste, collapse = ","), "|", sapply(sg$labels, paste, collapse = ","))
out("SAMPLING_TABLE", signif(make_sampling_table(6), 5))
out("SAMPLING_TABLE_FACTOR", signif(make_sampling_table(4, sampling_factor = 0.01), 5))

x <- array(seq(0, 255, length.out = 2 * 2 * 2 * 3), c(2, 2, 2, 3))
preprocessors <- list(IMAGENET = imagenet_preprocess_input, DENSENET = densenet_preprocess_input,
                      INCEPTION_RESNET_V2 = inception_resnet_v2_preprocess_input,
                      INCEPTION_V3 = inception_v3_preprocess_input, MOBILENET = mobilenet_preprocess_input,
                      NASNET = nasnet_preprocess_input,
                      RESNET = resnet_preprocess_input, RESNET_V2 = resnet_v2_preprocess_input,
                      XCEPTION = xception_preprocess_input)
for (name in names(preprocessors)) {
  y <- preprocessors[[name]](x)
  out(paste0("PREPROCESS_", name), dim(y), "|", signif(as.vector(y), 5))
}

out("DENSENET121_NOTOP_PARAMS", application_densenet121(include_top = FALSE, weights = NULL,
                                                        input_shape = c(32, 32, 3))$count_params())
out("NASNETMOBILE_NOTOP_PARAMS", application_nasnetmobile(include_top = FALSE, weights = NULL,
                                                          input_shape = c(32, 32, 3))$count_params())

folder <- tempfile("get_file")
dir.create(folder)
source_file <- file.path(folder, "source.txt")
writeLines(c("line one", "line two"), source_file)
md5 <- unname(tools::md5sum(source_file))
cache <- file.path(folder, "cache")
dir.create(cache)  # Keras 2.15 writes to /tmp/.keras instead of a cache_dir that does not exist
dir.create(file.path(folder, "cache2"))
got <- get_file("copy.txt", origin = paste0("file://", source_file), file_hash = md5, cache_dir = cache)
out("GET_FILE", sub(paste0(normalizePath(cache), "/"), "", normalizePath(got), fixed = TRUE), "|", readLines(got))
again <- get_file("copy.txt", origin = paste0("file://", source_file), file_hash = md5, cache_dir = cache)
out("GET_FILE_CACHED", identical(normalizePath(got), normalizePath(again)))
out("GET_FILE_SUBDIR", basename(dirname(get_file("other.txt", origin = paste0("file://", source_file),
                                                  cache_subdir = "mine", cache_dir = cache))))
bad <- tryCatch(get_file("bad.txt", origin = paste0("file://", source_file), file_hash = strrep("0", 32),
                         cache_dir = cache), error = function(e) "error")
out("GET_FILE_BAD_HASH", bad)
dir.create(file.path(folder, "pack"))
writeLines("inside", file.path(folder, "pack", "inner.txt"))
old <- setwd(folder)
utils::tar("pack.tar.gz", "pack", compression = "gzip")
setwd(old)
archive <- get_file("pack.tar.gz", origin = paste0("file://", folder, "/pack.tar.gz"), extract = TRUE,
                    cache_dir = cache)
out("GET_FILE_EXTRACT", basename(archive), "|", readLines(file.path(cache, "datasets", "pack", "inner.txt")))
untarred <- get_file("unpacked", origin = paste0("file://", folder, "/pack.tar.gz"), untar = TRUE,
                     cache_dir = file.path(folder, "cache2"))
out("GET_FILE_UNTAR", basename(untarred), file.exists(paste0(untarred, ".tar.gz")),
    readLines(file.path(folder, "cache2", "datasets", "pack", "inner.txt")))
