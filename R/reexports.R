# The course's lab sheets use `%<-%` (zeallot) and `%>%` (magrittr), which
# library(keras) attached; pykerasr re-exports both.

#' @importFrom zeallot %<-%
#' @export
zeallot::`%<-%`

#' @importFrom magrittr %>%
#' @export
magrittr::`%>%`

#' @importFrom magrittr %<>%
#' @export
magrittr::`%<>%`

#' @importFrom generics fit
#' @export
generics::fit

#' @importFrom generics compile
#' @export
generics::compile
