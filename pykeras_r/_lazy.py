"""Names of a package that load from its submodules on first use (PEP 562).

Importing ``pykeras_r`` (or ``pykeras_r.datasets``) stays cheap and needs only the standard
library: numpy, TensorFlow and Keras load with the first name that needs them.
"""

from __future__ import annotations

import importlib
import sys


def lazy_attributes(package: str, table: dict[str, str], names: list[str]):
    """The ``__getattr__`` and ``__dir__`` of ``package``.

    Args:
        package: the package's ``__name__``.
        table: public name -> the submodule (relative to ``package``) that defines it.
        names: every public name (``__all__``), for ``dir()``.
    """

    def __getattr__(name):
        if name in table:
            value = getattr(importlib.import_module(f".{table[name]}", package), name)
            setattr(sys.modules[package], name, value)  # the next look-up finds it directly
            return value
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    def __dir__():
        return sorted(names)

    return __getattr__, __dir__
