# keras R's backend functions (k_*).

#' The backend's image data format
#'
#' @return `"channels_last"` (the default) or `"channels_first"`.
#' @export
k_image_data_format <- function() {
  pk_call(pk_python()$image_data_format)
}
