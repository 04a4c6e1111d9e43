"""The datasets' former home, kept so that ``pykeras_r.data`` and its names keep working.

Everything lives in :mod:`pykeras_r.datasets` (one module per concern); this re-exports its
public names. New code imports from ``pykeras_r.datasets``.
"""

from __future__ import annotations

from .datasets import *  # noqa: F401,F403
from .datasets import __all__  # noqa: F401
