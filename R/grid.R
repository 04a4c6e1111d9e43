#' The lesson's 5 x 5 prediction grid, drawn with base R graphics
#'
#' Which image, title and colour goes in which cell is computed by
#' `pykeras_r.prediction_grid_cells()`, the same layout the Python lesson draws with
#' matplotlib: the first 25 images filled column by column, each upright in grey levels
#' without axes, titled `"<predicted class> (<true class>)"`, green (`#008800`) when right
#' and red (`#bb0000`) when wrong. The drawing is the lab sheet's own
#' (`image(1:28, 1:28, t(apply(img, 2, rev)), ...)`).
#'
#' @param images Array `c(n, 28, 28)` of grey levels (0-255 or 0-1), indexed `[i, row, col]`.
#' @param labels True labels 0-9, length `n`.
#' @param predictions Probability matrix `n` x 10 (from `predict()`) or predicted labels.
#' @param class_names Class names in label order (default: Fashion-MNIST's).
#' @param file Optional PNG file to draw into; `NULL` draws on the current device.
#' @param nrow,ncol Grid size.
#' @return The cells (a data frame with `index`, 1-based, `row`, `col`, `title`,
#'   `colour`, ...), invisibly.
#' @export
pk_plot_prediction_grid <- function(images, labels, predictions, class_names = NULL, file = NULL,
                                    nrow = 5, ncol = 5) {
  cells <- pk_call(pk_python()$prediction_grid_cells, labels, predictions,
                   class_names = as_py_list(class_names %||% pk_fashion_class_names()),
                   nrow = as_py_integer(nrow), ncol = as_py_integer(ncol))
  pk_draw_grid(images, pk_cells_frame(cells), file, nrow, ncol)
}

# Python's columns of 0-based cells -> an R data frame with 1-based index, row and col.
pk_cells_frame <- function(cells) {
  frame <- as.data.frame(lapply(cells, unlist), stringsAsFactors = FALSE)
  frame$index <- frame$index + 1L
  frame$row <- frame$row + 1L
  frame$col <- frame$col + 1L
  frame
}

pk_draw_grid <- function(images, cells, file, nrow, ncol) {
  if (!is.null(file)) {
    dir.create(dirname(file), showWarnings = FALSE, recursive = TRUE)
    grDevices::png(file, width = 160 * ncol, height = 180 * nrow)
    on.exit(grDevices::dev.off(), add = TRUE)
  }
  old <- graphics::par(mfcol = c(nrow, ncol), mar = c(0, 0, 1.5, 0), xaxs = "i", yaxs = "i")
  on.exit(graphics::par(old), add = TRUE, after = FALSE)
  for (k in seq_len(nrow(cells))) {
    img <- images[cells$index[k], , ]
    img <- t(apply(img, 2, rev))  # rows top to bottom -> image()'s bottom-up y axis
    graphics::par(mfg = c(cells$row[k], cells$col[k]))
    graphics::image(seq_len(nrow(img)), seq_len(ncol(img)), img,
                    col = grDevices::gray((0:255) / 255), xaxt = "n", yaxt = "n",
                    main = cells$title[k], col.main = cells$colour[k])
  }
  invisible(cells)
}
