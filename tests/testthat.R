library(testthat)
library(pykerasr)

test_check("pykerasr")
