"""pykeras_r's runtime dependencies, read from ``runtime-requirements.txt`` (their one table).

Standard library only: the doctor and R's ``install_pykeras_r()`` use this in a Python that
may lack numpy, TensorFlow or Keras. ``python -m pykeras_r._requirements REQ ...`` checks
that this Python satisfies requirements (the installer's verdict on its environment).
"""

from __future__ import annotations

import re
from pathlib import Path

RUNTIME_REQUIREMENTS_FILE = Path(__file__).with_name("runtime-requirements.txt")

#: The module each distribution is imported as, where the two names differ.
IMPORT_NAMES = {"pillow": "PIL", "pyyaml": "yaml"}

_REQUIREMENT = re.compile(r"^([A-Za-z0-9_.-]+)\s*((?:[<>=!~]=?\s*[0-9][0-9A-Za-z.*]*\s*,?\s*)*)$")


def runtime_requirements() -> list[str]:
    """The requirement lines, e.g. ``["tensorflow>=2.16,<2.22", ...]`` (comments dropped)."""
    lines = RUNTIME_REQUIREMENTS_FILE.read_text(encoding="utf-8").splitlines()
    return [ln.split("#", 1)[0].strip() for ln in lines if ln.split("#", 1)[0].strip()]


def version_tuple(version: str) -> tuple[int, ...]:
    """``"2.21.0rc1"`` -> ``(2, 21, 0)``: the leading release numbers."""
    parts = []
    for piece in version.split("."):
        digits = re.match(r"\d*", piece).group(0)
        if not digits:
            break
        parts.append(int(digits))
        if digits != piece:
            break
    return tuple(parts)


def parse_requirement(line: str) -> tuple[str, tuple[int, ...], tuple[int, ...] | None]:
    """``"numpy>=1.24,<3"`` -> ``("numpy", (1, 24), (3,))``: name, lowest allowed, first excluded."""
    match = _REQUIREMENT.match(line.strip())
    if match is None:
        raise ValueError(f"cannot read the requirement {line!r} (expected e.g. 'numpy>=1.24,<3')")
    low, high = (), None
    for bound in filter(None, (b.strip() for b in match.group(2).split(","))):
        op, number = re.match(r"([<>=!~]=?)\s*(.*)", bound).groups()
        if op == ">=":
            low = version_tuple(number)
        elif op == "<":
            high = version_tuple(number)
        else:
            raise ValueError(f"the requirement {line!r}: only >= and < bounds are used here")
    return match.group(1).lower(), low, high


def module_name(requirement: str) -> str:
    """The module a requirement is imported as: ``"pillow>=9"`` -> ``"PIL"``."""
    name = parse_requirement(requirement)[0]
    return IMPORT_NAMES.get(name, name)


def requirement_ranges() -> dict[str, tuple[tuple[int, ...], tuple[int, ...] | None]]:
    """``{name: (lowest allowed, first excluded or None)}`` of the runtime requirements."""
    return {name: (low, high) for name, low, high in map(parse_requirement, runtime_requirements())}


def range_text(name: str) -> str:
    """The requirement's range as written for pip, e.g. ``">=2.16,<2.22"``."""
    low, high = requirement_ranges()[name]
    text = f">={'.'.join(map(str, low))}" if low else ""
    if high is not None:
        text += f"{',' if text else ''}<{'.'.join(map(str, high))}"
    return text


def in_range(name: str, version: str) -> bool:
    low, high = requirement_ranges()[name]
    v = version_tuple(version)
    return low <= v and (high is None or v < high)


def unmet(requirements: list[str]) -> list[str]:
    """What this Python lacks of ``requirements``: one line per problem, ``[]`` when all hold.

    Each distribution must be installed in its range and its module must import (a folder
    deleted from site-packages leaves the metadata behind, so the import is what tells).
    """
    import importlib
    from importlib import metadata

    problems = []
    for line in requirements:
        name, low, high = parse_requirement(line)
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            problems.append(f"{name} is not installed")
            continue
        v = version_tuple(version)
        if v < low or (high is not None and v >= high):
            problems.append(f"{name} {version} is installed, but {line} is required")
            continue
        module = module_name(line)
        try:
            importlib.import_module(module)
        except Exception as e:  # a broken install can raise anything at import
            problems.append(f"{name} {version} is installed, but `import {module}` fails: "
                            f"{type(e).__name__}: {str(e).strip().splitlines()[-1] if str(e).strip() else ''}")
    return problems


def missing_modules(requirements: list[str] | None = None) -> list[str]:
    """The requirements whose module this Python cannot find (cheap: nothing is imported).

    What a first call from R checks, so that a Python without TensorFlow, or an environment
    half deleted, gets the fix at once rather than a ModuleNotFoundError deep in a verb.
    """
    import importlib.util

    lines = requirements or runtime_requirements()
    return [parse_requirement(line)[0] for line in lines if importlib.util.find_spec(module_name(line)) is None]

