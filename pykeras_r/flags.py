"""Training flags as keras R 2.x's ``flags()`` (the tfruns package's) read them, for R sessions
without tfruns: each flag's name, type (``"numeric"``, ``"integer"``, ``"boolean"``,
``"string"``) and default, overridden by a ``flags.yml`` file's values (read by R) and then by
command-line arguments ``--name=value`` or ``--name value``. R's ``flags()`` calls tfruns itself
where tfruns is installed. Standard library only."""

from __future__ import annotations

from .errors import PyKerasRError, show

FLAG_TYPES = ("numeric", "integer", "boolean", "string")

# YAML 1.1's words for booleans, which tfruns' command-line values (read as YAML) accept.
_TRUE = {"true", "yes", "on", "y", "t"}
_FALSE = {"false", "no", "off", "n", "f"}


def command_line_values(arguments: list[str]) -> dict[str, str]:
    """``--name=value`` and ``--name value`` pairs of ``arguments`` (dashes in names become
    underscores); arguments without ``--`` are skipped, and ``--args`` ends the flags, as in tfruns."""
    values, i = {}, 0
    arguments = [str(a) for a in arguments]
    while i < len(arguments):
        argument = arguments[i]
        i += 1
        if not argument.startswith("--"):
            continue
        if argument == "--args":
            break
        if "=" in argument:
            key, value = argument[2:].split("=", 1)
        else:
            if i >= len(arguments):
                raise PyKerasRError(f"the command-line flag {argument} has no value: write {argument}=VALUE.")
            key, value = argument[2:], arguments[i]
            i += 1
        values[key.replace("-", "_")] = value
    return values


def _convert(name: str, kind: str, value):
    """``value`` (a default, a file's value, or command-line text) as a flag of type ``kind``."""
    try:
        if kind == "string":
            return str(value)
        if kind == "boolean":
            if isinstance(value, bool):
                return value
            text = str(value).strip().lower()
            if text in _TRUE | _FALSE:
                return text in _TRUE
            raise ValueError(value)
        number = float(value)
        if kind == "integer":
            return int(number)
        return number
    except (TypeError, ValueError):
        raise PyKerasRError(f"Unable to convert flag '{name}' with value '{value}' to type {kind}") from None


def parse_flags(definitions: list[dict], arguments: list[str], file_values: dict | None = None) -> dict:
    """The flags' values, by name, in the order defined. ``definitions``: one ``{"name", "type",
    "default"}`` per flag; ``file_values``: a flags file's values by name (``None``: no file);
    ``arguments``: the command line (R's ``commandArgs(TRUE)``). A value given for a flag not
    defined, a flag defined twice, or a value of the wrong type is refused, as tfruns refuses it."""
    values: dict = {}
    for flag in definitions:
        name, kind = str(flag.get("name")), flag.get("type")
        if kind not in FLAG_TYPES:
            raise PyKerasRError(f"flag {show(name)} has type {show(kind)}; expected one of: {', '.join(FLAG_TYPES)}.")
        if name in values:
            raise PyKerasRError(f"A flag named '{name}' has already been defined")
        values[name] = _convert(name, kind, flag.get("default"))
    kinds = {str(flag["name"]): flag["type"] for flag in definitions}
    given = {**(file_values or {}), **command_line_values(arguments)}
    undeclared = [name for name in given if name not in kinds]
    if undeclared:
        raise PyKerasRError("The following flags were provided but not declared: " + ", ".join(undeclared))
    for name, value in given.items():
        values[name] = _convert(name, kinds[name], value)
    return values
