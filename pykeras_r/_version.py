# Kept equal to the R package's DESCRIPTION Version: pykerasr refuses a mismatch.
__version__ = "0.1.0"
