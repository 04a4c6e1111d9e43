# pk_plot_prediction_grid(): the cell layout computed by Python and the PNG drawn by R.

test <- fashion_subset(100, "test")
test$y <- as.vector(test$y)  # a plain vector, to compare with the cells' columns
names <- pk_fashion_class_names()

set_random_seed(1)
model <- pk_model("fashion_mlp")
train <- fashion_subset(500, "train")
fit(model, train$x, train$y, epochs = 1, verbose = 0)
p <- predict(model, test$x, verbose = 0)

draw <- function(predictions, file = tempfile(fileext = ".png")) {
  devices <- grDevices::dev.list()
  result <- withVisible(pk_plot_prediction_grid(test$x, test$y, predictions, file = file))
  expect_false(result$visible)
  expect_identical(grDevices::dev.list(), devices)  # the PNG device was closed
  expect_true(file.exists(file))
  list(cells = result$value, file = file)
}

test_that("the grid writes a PNG and returns 25 cells filled column by column", {
  out <- draw(p)
  cells <- out$cells
  expect_s3_class(cells, "data.frame")
  expect_identical(nrow(cells), 25L)
  expect_true(all(c("index", "row", "col", "predicted", "true", "title", "correct", "colour")
                  %in% names(cells)))
  expect_equal(cells$index, 1:25)
  expect_equal(cells$row, rep(1:5, times = 5))
  expect_equal(cells$col, rep(1:5, each = 5))
  expect_equal(c(cells$row[2], cells$col[2]), c(2, 1))
  expect_equal(c(cells$row[6], cells$col[6]), c(1, 2))

  predicted <- apply(p[1:25, ], 1, which.max) - 1
  expect_equal(cells$predicted, predicted)
  expect_equal(cells$true, test$y[1:25])
  expect_identical(cells$title, paste0(names[predicted + 1], " (", names[test$y[1:25] + 1], ")"))
  expect_identical(cells$correct, predicted == test$y[1:25])
  expect_identical(cells$colour, ifelse(predicted == test$y[1:25], "#008800", "#bb0000"))

  img <- png::readPNG(out$file)
  expect_identical(dim(img)[1:2], c(900L, 800L))  # 5 x 180 high, 5 x 160 wide
  expect_gt(stats::sd(as.vector(img[, , 1])), 0.1)  # not blank
})

test_that("titles and colours follow correctness (labels as predictions)", {
  predicted <- test$y
  wrong <- c(2, 6, 25)
  predicted[wrong] <- (predicted[wrong] + 1) %% 10
  out <- draw(predicted)
  cells <- out$cells
  expect_identical(cells$title[1], "Ankle boot (Ankle boot)")  # test image 1 is an ankle boot
  expect_identical(cells$title[2], paste0(names[test$y[2] + 2], " (", names[test$y[2] + 1], ")"))
  expect_identical(cells$correct, !(1:25 %in% wrong))
  expect_identical(cells$colour[wrong], rep("#bb0000", 3))
  expect_identical(unique(cells$colour[-wrong]), "#008800")

  # both title colours really are in the picture
  img <- png::readPNG(out$file)
  near <- function(rgb) {
    abs(img[, , 1] - rgb[1]) < 0.06 & abs(img[, , 2] - rgb[2]) < 0.06 &
      abs(img[, , 3] - rgb[3]) < 0.06
  }
  expect_gt(sum(near(c(0, 0x88, 0) / 255)), 50)
  expect_gt(sum(near(c(0xbb, 0, 0) / 255)), 10)
})

test_that("each image is drawn upright in its own cell", {
  out <- draw(p)
  cells <- out$cells
  img <- png::readPNG(out$file)[, , 1]
  # Cells are 160 x 180 pixels; the title margin is 1.5 lines of 0.2 inch at 72 dpi, times
  # the cex of 0.66 that R uses for layouts of 3 or more rows.
  title_px <- 1.5 * 0.2 * 72 * 0.66
  cell_w <- 160
  cell_h <- 180
  sample_cell <- function(row, col) {
    ys <- round((row - 1) * cell_h + title_px + ((1:28) - 0.5) * (cell_h - title_px) / 28)
    xs <- round((col - 1) * cell_w + ((1:28) - 0.5) * cell_w / 28)
    as.vector(img[ys, xs])
  }
  for (k in 1:25) {
    drawn <- sample_cell(cells$row[k], cells$col[k])
    expected <- test$x[cells$index[k], , ]
    r <- stats::cor(drawn, as.vector(expected))
    expect_gt(r, 0.99, label = paste("correlation of cell", k, "with its image"))
    # flipped or transposed would not match as well
    expect_lt(stats::cor(drawn, as.vector(expected[28:1, ])), r)
    expect_lt(stats::cor(drawn, as.vector(t(expected))), r)
    # and it is this image, not another of the 25
    others <- vapply(1:25, function(i) stats::cor(drawn, as.vector(test$x[i, , ])), numeric(1))
    expect_identical(which.max(others), cells$index[k])
  }
})
