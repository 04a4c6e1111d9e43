#' Run a lesson from R
#'
#' Calls `pykeras_r.run_lesson()`, the same run as `python -m pykeras_r lesson <name>`:
#' loads the data, builds the canonical model, trains (printing one line per epoch),
#' evaluates and predicts, and writes `metrics.json` and the lesson's PNG plots under
#' `out/<name>/`. A lesson with a prediction grid (its `r_grid` in [pk_lesson_settings()],
#' e.g. `"fashion-mlp"`) has the grid and its pictures of looking inside (`inside`: confusion
#' matrix, mistakes) drawn by R, from the numbers Python computed.
#'
#' @param name A lesson of LESSONS.md: `"keras-check"`, `"fashion-mlp"`, `"mnist-cnn"`,
#'   `"mnist-cnn-deep"`, `"mnist-cnn-tf2"` or `"mnist-dnn-vs-cnn"`.
#' @param epochs Training epochs; `NULL` for the lesson's (`pk_lesson_settings(name)$epochs`).
#' @param subset Use only the first `subset` training and test images (at least
#'   `pk_lesson_settings(name)$min_subset`); `NULL` for all.
#' @param out Results folder.
#' @param seed `"default"` for the lesson's own seed (the one the Performance vignette's accuracy table
#'   was measured with; `pk_lesson_settings(name)$seed`), a whole number, or `NULL`
#'   for a random one. The seed used is printed and kept in the metrics.
#' @return The metrics (a list, as written to `metrics.json`), invisibly.
#' @export
pk_run_lesson <- function(name, epochs = NULL, subset = NULL, out = "results", seed = "default") {
  grid_png <- pk_lesson_settings(name)$r_grid
  result <- pk_call(pk_python()$run_lesson, name, epochs = as_py_integer(epochs),
                    subset = as_py_integer(subset), out = out, seed = as_py_integer(seed),
                    plot = is.null(grid_png), driver = "R")
  if (!is.null(grid_png)) {
    grid_file <- file.path(result$out, grid_png)
    pk_draw_grid(result$grid_images, pk_cells_frame(result$cells), grid_file, 5L, 5L)
    cat("Drew ", grid_file, " with R graphics\n", sep = "")
    files <- pk_lesson_settings(name)$inside
    for (picture in names(result$inside)) {
      pk_draw_picture(result$inside[[picture]], file.path(result$out, files[[picture]]), result$inside_images)
      cat("Drew ", file.path(result$out, files[[picture]]), " with R graphics\n", sep = "")
    }
  }
  invisible(result$metrics)
}

#' A lesson's settings, from the one lesson table
#'
#' The entry of `pykeras_r`'s lesson table (`pykeras_r.lesson_table`) for lesson `name`: what
#' [pk_run_lesson()] and the lesson twins of `examples/` run with.
#'
#' @param name A lesson of LESSONS.md, e.g. `"fashion-mlp"`.
#' @return A list: `name`, `title`, `dataset` (`NULL` for none), `preparation` (words),
#'   `scale_inputs` (logical: pixels divided by 255), `models` (model name = published
#'   parameter count), `epochs` (`NULL`: nothing trained), `batch_size` (`NULL`: Keras' 32),
#'   `seed` (the default seed), `published` (the course's settings and figures), `outputs`
#'   (files under `out/<name>/`), `shows`, `validation_split`, `train_images`,
#'   `checkpoint_every`, `r_grid` (the grid file R draws, or `NULL`), `inside` (picture name =
#'   file of the lesson's pictures of looking inside, see [pk_inside]), `inside_image` (the
#'   test image they show, 0-based), `metrics_keys` (the keys
#'   of every `metrics.json` of the lesson), `min_subset` (the smallest `subset`) and `target`.
#' @export
#' @examples
#' \dontrun{
#' pk_lesson_settings("mnist-cnn")$batch_size  # 128
#' }
pk_lesson_settings <- function(name) {
  pk_call(pk_python()$lesson_settings, name)$to_dict()
}

#' Write a lesson's metrics.json, as every run of the lesson does
#'
#' The R side of `pykeras_r.write_lesson_metrics()`, the one writer of each lesson's
#' `metrics.json` (from [pk_run_lesson()], Python's runner and the lesson twins of
#' `examples/`): it adds the lesson, `driver = "R"`, the Keras backend and the published
#' figures, and stops when one of the lesson's `metrics_keys` is missing.
#'
#' @param out The folder to write `metrics.json` into.
#' @param name A lesson of LESSONS.md.
#' @param values A named list of the run's figures (`seed`, `data`, `n_train`, `n_test`,
#'   `epochs`, `params`, `test_loss`, `test_accuracy` and the lesson's own). Write vectors
#'   that must stay JSON arrays at length 1 as lists (`as.list(x)`).
#' @return The metrics written (a list), invisibly.
#' @export
pk_write_lesson_metrics <- function(out, name, values) {
  invisible(pk_call(pk_python()$write_lesson_metrics, out, name, values, driver = "R"))
}
