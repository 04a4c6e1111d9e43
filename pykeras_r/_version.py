"""The version of pykeras_r, written in one place: the R package's DESCRIPTION.

The R package and its Python code are one release. Where DESCRIPTION sits beside the code,
it is read: in a checkout (``<project>/DESCRIPTION``) and in an installed R package, which
carries this package as ``<library>/pykerasr/python/pykeras_r``. A wheel or sdist records the
same version in its metadata when it is built (pyproject.toml reads ``__version__``), and an
installed wheel answers from there.
"""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent
#: Where DESCRIPTION lies relative to this package: a checkout, an installed R package.
_DESCRIPTION_CANDIDATES = (_HERE.parent / "DESCRIPTION", _HERE.parent.parent / "DESCRIPTION")


def _description_version() -> str | None:
    for path in _DESCRIPTION_CANDIDATES:
        try:
            fields = dict(line.split(":", 1) for line in path.read_text(encoding="utf-8").splitlines()
                          if ":" in line and not line[:1].isspace())
        except OSError:
            continue
        if fields.get("Package", "").strip() == "pykerasr" and fields.get("Version", "").strip():
            return fields["Version"].strip()
    return None


def _installed_version() -> str:
    from importlib import metadata

    try:
        return metadata.version("pykeras_r")
    except metadata.PackageNotFoundError:  # a copy of the folder alone: no way to know
        return "0+unknown"


__version__ = _description_version() or _installed_version()
