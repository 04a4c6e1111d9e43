# Looking inside (pk_plot_* of R/inside.R): a student's own convnet built with the keras-R verbs,
# the numbers from Python and the PNGs drawn by R.

set_random_seed(2)
convnet <- keras_model_sequential() %>%
  layer_conv_2d(filters = 8, kernel_size = c(3, 3), activation = "relu", input_shape = c(28, 28, 1)) %>%
  layer_max_pooling_2d(pool_size = c(2, 2)) %>%
  layer_conv_2d(filters = 4, kernel_size = c(3, 3), activation = "relu") %>%
  layer_flatten() %>%
  layer_dense(units = 10, activation = "softmax")
test <- fashion_subset(60, "test")
image <- test$x[1, , ]

drawn <- function(verb, ...) {
  file <- tempfile(fileext = ".png")
  devices <- grDevices::dev.list()
  result <- withVisible(verb(..., file = file))
  expect_false(result$visible)
  expect_identical(grDevices::dev.list(), devices)  # the PNG device was closed
  expect_gt(file.size(file), 2000)
  result$value
}

test_that("the slide's convolution by hand, as R's own sums give it", {
  found <- drawn(pk_plot_convolution)
  slide <- found$image
  k <- found$kernel
  by_hand <- outer(1:3, 1:3, Vectorize(function(i, j) sum(slide[i:(i + 2), j:(j + 2)] * k)))
  expect_equal(found$feature_map, by_hand)
  expect_equal(found$feature_map, matrix(c(4, 2, 2, 3, 4, 3, 4, 3, 4), 3))
  expect_equal(c(found$pooled), 4)
  sharpen <- drawn(pk_plot_convolution, image, "sharpen")
  expect_equal(dim(sharpen$feature_map), c(26, 26))
  expect_equal(dim(sharpen$pooled), c(13, 13))
})

test_that("feature maps and filters of every convolution and pooling layer, counted from 1", {
  maps <- drawn(pk_plot_feature_maps, convnet, image)
  expect_identical(vapply(maps$maps, function(m) as.integer(m$layer), 1L), 1:3)
  expect_equal(dim(maps$maps[[1]]$maps), c(26, 26, 8))
  expect_equal(dim(maps$maps[[3]]$maps), c(11, 11, 4))
  expect_identical(unlist(maps$sheet$cells$title), as.character(c(1:8, 1:8, 1:4)))
  filters <- drawn(pk_plot_filters, convnet)
  expect_equal(dim(filters$kernels), c(8, 3, 3, 1))
  expect_equal(filters$layer, 1)
  expect_equal(drawn(pk_plot_filters, convnet, layer = 3)$name, convnet$layers[[3]]$name)
})

test_that("gradient ascent is the same for the same seed, and takes R's filter positions", {
  first <- drawn(pk_plot_filter_patterns, convnet, 1, c(2, 5), steps = 4, seed = 3)
  again <- drawn(pk_plot_filter_patterns, convnet, 1, c(2, 5), steps = 4, seed = 3)
  expect_identical(first$patterns, again$patterns)
  expect_equal(dim(first$patterns), c(2, 28, 28, 1))
  expect_equal(unlist(first$filters), c(2, 5))
  expect_true(all(first$patterns >= 0 & first$patterns <= 1))
  enhanced <- drawn(pk_plot_enhanced_digit, convnet, image, 1, 2, steps = 3)
  expect_equal(enhanced$filter, 2)
  expect_gte(enhanced$activation_after, enhanced$activation_before)
})

test_that("Grad-CAM, the confusion matrix and the surest mistakes", {
  cam <- drawn(pk_plot_grad_cam, convnet, image, class = 4)
  expect_equal(cam$chosen$class_index, 4)
  expect_true(all(cam$predicted$heatmap >= 0 & cam$predicted$heatmap <= 1))
  expect_equal(dim(cam$predicted$heatmap_image), c(28, 28))
  p <- predict(convnet, array_reshape(test$x, c(60, 28, 28, 1)), verbose = 0)
  predicted <- max.col(p, ties.method = "first") - 1
  matrix <- drawn(pk_plot_confusion_matrix, test$y, p, pk_fashion_class_names())
  expect_equal(c(matrix$counts), c(table(factor(test$y, 0:9), factor(predicted, 0:9))))
  expect_s3_class(matrix$pairs, "data.frame")
  expect_true(all(matrix$pairs$true != matrix$pairs$predicted))
  mistakes <- drawn(pk_plot_confident_mistakes, test$x, test$y, p, pk_fashion_class_names(), top = 10)
  expect_s3_class(mistakes, "data.frame")
  expect_true(all(predicted[mistakes$index] != test$y[mistakes$index]))  # 1-based, into the whole set
  expect_true(all(mistakes$colour == "#bb0000"))
  expect_false(is.unsorted(rev(mistakes$confidence[order(mistakes$col, mistakes$row)])))
})

test_that("bad input is refused in one paragraph", {
  expect_error(pk_plot_filter_patterns(convnet, 1, 9), "from 1 to 8: layer", class = "pykerasr_input_error")
  expect_error(pk_plot_feature_maps(convnet, array(0, c(20, 20))), "must be one image of shape \\(28, 28, 1\\)",
               class = "pykerasr_input_error")
  expect_error(pk_plot_filters(convnet, layer = 2), "is not a convolution layer", class = "pykerasr_input_error")
  expect_error(pk_plot_filter_patterns(convnet, 4), "layer 4 has no channels", class = "pykerasr_input_error")
})

test_that("keras R's activation model gives the feature maps pk_plot_feature_maps() draws", {
  # The idiom of the public keras-R walkthroughs, on a Sequential made with input_shape.
  activation_model <- keras_model(inputs = convnet$input,
                                  outputs = lapply(convnet$layers[1:4], function(l) l$output))
  activations <- predict(activation_model, array_reshape(image, c(1, 28, 28, 1)), verbose = 0)
  expect_length(activations, 4L)
  maps <- drawn(pk_plot_feature_maps, convnet, image)$maps
  for (k in 1:3) expect_equal(activations[[k]][1, , , ], maps[[k]]$maps, tolerance = 1e-6)
  expect_equal(dim(activations[[4]]), c(1, 11 * 11 * 4))  # the flatten layer: no channels
})
