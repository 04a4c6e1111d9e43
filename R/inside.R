#' Looking inside a convnet: lesson 9's pictures, drawn with R graphics
#'
#' Each verb gets its numbers (and where each panel goes, with its title) from one function of
#' `pykeras_r.inside`, the same numbers the Python `plot_*` functions draw with matplotlib, and
#' draws them with base R graphics: images upright, grey, without axes, each scaled to its own
#' range (as `image()` does). Layers and filters are counted from 1, as everywhere in R; a layer
#' may also be given by name. `image` is one image: `c(28, 28)` or `c(28, 28, 1)` for a model
#' taking 28 x 28 x 1 inputs, in the range the model was trained on (0-1 for most lessons).
#'
#' - `pk_plot_convolution()`: a 3x3 kernel slid over an image by hand (default: the slide's
#'   5x5 image and kernel), then 2x2 max pooling; the numbers equal Keras' `Conv2D` and
#'   `MaxPooling2D` with those weights. Kernels by name: `"vertical edge"`,
#'   `"horizontal edge"`, `"sharpen"`, `"blur"`, or 3x3 numbers.
#' - `pk_plot_feature_maps()`: every convolution and pooling layer's activations.
#' - `pk_plot_filters()`: a convolution layer's kernels (default: the first one's).
#' - `pk_plot_filter_patterns()`: gradient ascent from a grey image (seeded): what each filter
#'   responds to most. Bitwise Python's `plot_filter_patterns()` for the same seed.
#' - `pk_plot_enhanced_digit()`: the same ascent started from a digit.
#' - `pk_plot_grad_cam()`: Grad-CAM of the last convolution layer for the predicted class
#'   and, with `class`, a chosen one.
#' - `pk_plot_confusion_matrix()`: counts (rows true, columns predicted) and the most
#'   confused pairs.
#' - `pk_plot_confident_mistakes()`: the mistakes the model was surest of, drawn as
#'   [pk_plot_prediction_grid()] draws its grid.
#'
#' @param model A Keras model with convolutions (built with an input shape, or trained).
#' @param image One image, see above.
#' @param kernel A kernel name or 3x3 numbers (`NULL` with `image = NULL`: the slide's).
#' @param layer A layer position (1-based) or name; `NULL` for the first convolution layer.
#' @param filters Filter positions (1-based); `NULL` for all of the layer's.
#' @param filter One filter position (1-based).
#' @param max_channels The most channels drawn per layer.
#' @param steps,seed Gradient ascent steps (`NULL`: 40 for patterns, 10 for a digit, Python's
#'   defaults), and the seed of its starting noise.
#' @param value_range The model's input range, `c(low, high)` (`NULL`: `c(0, 1)`): the ascent
#'   starts mid-grey and stays inside.
#' @param class A class label (0-9 for the digits) whose heatmap is drawn besides the
#'   predicted class's; `NULL` for none.
#' @param class_names Class names in label order (default: the labels themselves).
#' @param labels True labels (0-based classes), length `n`, or one-hot.
#' @param predictions Probability matrix `n` x classes (from `predict()`) or predicted labels.
#' @param images Array `c(n, 28, 28)` (or `c(n, 28, 28, 1)`) of the images predicted.
#' @param top How many pairs / mistakes.
#' @param ncol Columns of the mistakes grid.
#' @param file Optional PNG file to draw into; `NULL` draws on the current device.
#' @return The numbers, invisibly: a list with the arrays (`feature_map`, `pooled`, `maps`,
#'   `kernels`, `patterns`, `heatmap`, `counts`...) and the layout drawn; the confusion
#'   matrix's `pairs` and the mistakes' cells are data frames (1-based `index`, `row`, `col`).
#' @name pk_inside
NULL

#' @rdname pk_inside
#' @export
pk_plot_convolution <- function(image = NULL, kernel = NULL, file = NULL) {
  found <- pk_call(pk_python()$convolution_picture, image, kernel)
  pk_draw_panels(found$panels, file)
  invisible(found)
}

#' @rdname pk_inside
#' @export
pk_plot_feature_maps <- function(model, image, file = NULL, max_channels = 32) {
  found <- pk_call(pk_python()$feature_map_picture, model, image, as_py_integer(max_channels),
                   one_based = TRUE)
  pk_draw_sheet(found$sheet, file, inches = 0.6)
  invisible(found)
}

#' @rdname pk_inside
#' @export
pk_plot_filters <- function(model, layer = NULL, file = NULL) {
  found <- pk_call(pk_python()$filter_picture, model, as_py_positions(layer), one_based = TRUE)
  pk_draw_sheet(found$sheet, file)
  invisible(found)
}

#' @rdname pk_inside
#' @export
pk_plot_filter_patterns <- function(model, layer = NULL, filters = NULL, file = NULL, steps = NULL,
                                    seed = 1, value_range = NULL) {
  found <- pk_call(pk_python()$pattern_picture, model, as_py_positions(layer), as_py_positions(filters),
                   steps = as_py_integer(steps), seed = as_py_integer(seed),
                   value_range = as_py_list(as_py_number(value_range)), one_based = TRUE)
  pk_draw_sheet(found$sheet, file)
  invisible(found)
}

#' @rdname pk_inside
#' @export
pk_plot_enhanced_digit <- function(model, image, layer = NULL, filter = 1, file = NULL, steps = NULL,
                                   value_range = NULL) {
  found <- pk_call(pk_python()$enhanced_picture, model, image, as_py_positions(layer),
                   as_py_positions(filter), steps = as_py_integer(steps),
                   value_range = as_py_list(as_py_number(value_range)), one_based = TRUE)
  pk_draw_panels(found$panels, file, found$title)
  invisible(found)
}

#' @rdname pk_inside
#' @export
pk_plot_grad_cam <- function(model, image, class = NULL, class_names = NULL, file = NULL) {
  found <- pk_call(pk_python()$grad_cam_picture, model, image, as_py_integer(class),
                   as_py_list(class_names), one_based = TRUE)
  pk_draw_panels(found$panels, file, found$title)
  invisible(found)
}

#' @rdname pk_inside
#' @export
pk_plot_confusion_matrix <- function(labels, predictions, class_names = NULL, file = NULL, top = 5) {
  found <- pk_call(pk_python()$confusion_picture, labels, predictions, as_py_list(class_names),
                   top = as_py_integer(top))
  found$pairs <- as.data.frame(lapply(found$pairs, unlist), stringsAsFactors = FALSE)
  pk_draw_confusion(found, file)
  invisible(found)
}

#' @rdname pk_inside
#' @export
pk_plot_confident_mistakes <- function(images, labels, predictions, class_names = NULL, file = NULL,
                                       top = 25, ncol = 5) {
  found <- pk_call(pk_python()$confident_mistakes, labels, predictions, as_py_list(class_names),
                   as_py_integer(top), as_py_integer(ncol))
  invisible(pk_draw_mistakes(found, images, file))
}

# pykeras_r.inside.confident_mistakes: the prediction grid's drawing; the cells as a data frame.
pk_draw_mistakes <- function(found, images, file) {
  cells <- pk_cells_frame(found[setdiff(names(found), c("nrow", "ncol", "class_names"))])
  if (nrow(cells) == 0L) {
    pk_draw_nothing("no mistakes", file)
  } else {
    if (length(dim(images)) == 4L) images <- images[, , , 1L, drop = TRUE]
    pk_draw_grid(images, cells, file, found$nrow, found$ncol)
  }
  cells
}

# Any picture of pykeras_r.inside by what it holds, as inside_plots.draw_picture: a sheet, a
# row of panels, a confusion matrix or mistakes (of `images`).
pk_draw_picture <- function(found, file, images = NULL) {
  if (!is.null(found$sheet)) return(pk_draw_sheet(found$sheet, file, inches = if (is.null(found$maps)) 0.9 else 0.6))
  if (!is.null(found$panels)) return(pk_draw_panels(found$panels, file, found$title %||% ""))
  if (!is.null(found$counts)) return(pk_draw_confusion(found, file))
  pk_draw_mistakes(found, images, file)
}

# ---------------------------------------------------------------------------- drawing

pk_open_png <- function(file, width, height) {
  dir.create(dirname(file), showWarnings = FALSE, recursive = TRUE)
  grDevices::png(file, width = width, height = height)
}

# One grey image, upright: rows top to bottom (image()'s y axis runs bottom-up).
# A constant image (a silent channel) is drawn black, as matplotlib draws it.
pk_draw_image <- function(img, title = "", cex_main = 1) {
  img <- as.matrix(img)
  low <- min(img)
  high <- max(img)
  graphics::image(seq_len(ncol(img)), seq_len(nrow(img)), t(img[nrow(img):1, , drop = FALSE]),
                  col = grDevices::gray((0:255) / 255), zlim = c(low, if (high > low) high else low + 1),
                  axes = FALSE, xlab = "", ylab = "", main = title, cex.main = cex_main, font.main = 1)
}

# pykeras_r.inside.image_sheet: heading rows of text, then small titled images.
pk_draw_sheet <- function(sheet, file, inches = 0.9) {
  heading_rows <- unlist(sheet$headings$row) + 1L
  heights <- ifelse(seq_len(sheet$nrow) %in% heading_rows, 0.32, 1)
  if (!is.null(file)) {
    pk_open_png(file, 100 * inches * sheet$ncol, 115 * inches * sum(heights))
    on.exit(grDevices::dev.off(), add = TRUE)
  }
  regions <- matrix(0L, sheet$nrow, sheet$ncol)
  regions[heading_rows, ] <- seq_along(heading_rows)  # heading i spans row heading_rows[i]
  cells <- sheet$cells
  n_head <- length(heading_rows)
  rows <- unlist(cells$row) + 1L
  cols <- unlist(cells$col) + 1L
  regions[cbind(rows, cols)] <- n_head + seq_along(rows)
  old <- graphics::par(mar = c(0.2, 0.2, 1.2, 0.2), oma = c(0, 0, 0, 0))
  on.exit(graphics::par(old), add = TRUE, after = FALSE)
  graphics::layout(regions, heights = heights)
  on.exit(graphics::layout(1), add = TRUE, after = FALSE)
  for (text in unlist(sheet$headings$text)) {
    graphics::par(mar = c(0, 0.2, 0, 0.2))
    graphics::plot.new()
    graphics::text(0, 0.3, text, adj = c(0, 0.5), font = 2, cex = 1.1, xpd = NA)
  }
  graphics::par(mar = c(0.2, 0.2, 1.2, 0.2))
  titles <- unlist(cells$title)
  for (k in seq_along(rows)) {
    pk_draw_image(sheet$images[[unlist(cells$image)[k] + 1L]], titles[k], cex_main = 0.8)
  }
  invisible(sheet)
}

# The classic "jet" colour map (blue, cyan, yellow, red), as matplotlib's Grad-CAM overlay.
pk_heat_colours <- function(alpha = 0.45) {
  jet <- grDevices::colorRampPalette(c("#00007F", "blue", "#007FFF", "cyan", "#7FFF7F", "yellow",
                                       "#FF7F00", "red", "#7F0000"))(64)
  grDevices::adjustcolor(jet, alpha.f = alpha)
}

# pykeras_r.inside.panel_row: images, arrays with their numbers, heatmaps over the first image.
pk_draw_panels <- function(panels, file, title = "") {
  n <- length(panels$title)
  if (!is.null(file)) {
    pk_open_png(file, 260 * n, 312 + if (nzchar(title)) 30 else 0)
    on.exit(grDevices::dev.off(), add = TRUE)
  }
  old <- graphics::par(mfrow = c(1L, n), mar = c(0.5, 0.5, 2, 0.5), oma = c(0, 0, if (nzchar(title)) 2 else 0, 0))
  on.exit(graphics::par(old), add = TRUE, after = FALSE)
  kinds <- unlist(panels$kind)
  for (k in seq_len(n)) {
    img <- as.matrix(panels$images[[k]])
    if (kinds[k] == "heat") {
      pk_draw_image(panels$images[[1L]], panels$title[[k]], cex_main = 1.4)
      graphics::image(seq_len(ncol(img)), seq_len(nrow(img)), t(img[nrow(img):1, , drop = FALSE]),
                      col = pk_heat_colours(), zlim = c(0, 1), add = TRUE)
    } else if (length(img) == 0L) {
      graphics::plot.new()
      graphics::title(panels$title[[k]], font.main = 1)
    } else {
      pk_draw_image(img, panels$title[[k]], cex_main = 1.4)
    }
    if (kinds[k] == "numbers") {
      spread <- max(img) - min(img)
      bright <- if (spread > 0) (img - min(img)) / spread > 0.5 else matrix(FALSE, nrow(img), ncol(img))
      at <- which(!is.na(img), arr.ind = TRUE)
      graphics::text(at[, 2], nrow(img) + 1 - at[, 1], formatC(img[at], digits = 3, format = "g"),
                     col = ifelse(bright[at], "black", "white"), cex = 1.2)
    }
  }
  if (nzchar(title)) graphics::mtext(title, outer = TRUE, cex = 1.1)
  invisible(panels)
}

pk_draw_confusion <- function(found, file) {
  counts <- found$counts
  names <- unlist(found$class_names)
  k <- length(names)
  if (!is.null(file)) {
    pk_open_png(file, 200 + 62 * k, 150 + 55 * k)
    on.exit(grDevices::dev.off(), add = TRUE)
  }
  margin <- if (max(nchar(names)) > 2) 7 else 4  # room for long class names
  old <- graphics::par(mar = c(margin, margin, 2.5, 1))
  on.exit(graphics::par(old), add = TRUE, after = FALSE)
  blues <- grDevices::colorRampPalette(c("#f7fbff", "#6baed6", "#08306b"))(64)
  shade <- log1p(counts)
  graphics::image(seq_len(k), seq_len(k), t(shade[k:1, , drop = FALSE]), col = blues, axes = FALSE,
                  xlab = "", ylab = "", main = found$title, font.main = 1)
  graphics::title(xlab = "predicted", ylab = "true", line = margin - 1.5)
  graphics::axis(1, at = seq_len(k), labels = names, las = if (max(nchar(names)) > 2) 2 else 1, cex.axis = 0.8)
  graphics::axis(2, at = seq_len(k), labels = rev(names), las = 1, cex.axis = 0.8)
  at <- expand.grid(true = seq_len(k), predicted = seq_len(k))
  values <- counts[cbind(at$true, at$predicted)]
  graphics::text(at$predicted, k + 1 - at$true, values, cex = 0.8,
                 col = ifelse(log1p(values) > log1p(max(counts)) / 2, "white", "black"))
  invisible(found)
}

pk_draw_nothing <- function(text, file) {
  if (!is.null(file)) {
    pk_open_png(file, 400, 100)
    on.exit(grDevices::dev.off(), add = TRUE)
  }
  old <- graphics::par(mar = c(0, 0, 0, 0))
  on.exit(graphics::par(old), add = TRUE, after = FALSE)
  graphics::plot.new()
  graphics::text(0.5, 0.5, text)
}
