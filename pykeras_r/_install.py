"""The Python steps of R's ``install_pykeras_r()``, and the true cause when pip fails.

Standard library only: it runs in the new, empty environment, as
``python -m pykeras_r._install REQUIREMENT...`` (R puts the bundled pykeras_r on PYTHONPATH).
It checks that this Python can ``import ssl`` (pip cannot reach an https index without it),
then runs pip, passing pip's messages through to stderr as they come. On stdout it prints
three lines for R when something failed: ``KIND: ...`` (a ``Failure.kind``), ``WHAT: ...`` and
``FIX: ...``; nothing when all went well. Its exit status is 0, or 1 when something failed.

Which failure is which is decided here only (``PIP_FAILURES``, first match wins), from pip's
own output: R just prints the result.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import sysconfig
import tempfile
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Failure:
    """What failed and how to fix it, as the end of R's sentence 'install_pykeras_r() failed: ...'."""

    kind: str  # "ssl-libpython", "ssl-missing", "ssl", "disk-full", "network", "no-version", "other"
    what: str
    fix: str


# --------------------------------------------------------------------------- ssl


def own_libpython() -> str | None:
    """This Python's own shared libpython (``LIBDIR/INSTSONAME``), or None for a static build."""
    if not sysconfig.get_config_var("Py_ENABLE_SHARED"):
        return None
    libdir = sysconfig.get_config_var("LIBDIR") or ""
    name = sysconfig.get_config_var("INSTSONAME") or sysconfig.get_config_var("LDLIBRARY") or ""
    return str(Path(libdir, name)) if libdir and name else None


def loaded_libpython() -> str | None:
    """The libpython this process has actually loaded (Linux: /proc/self/maps), or None."""
    try:
        with open("/proc/self/maps", encoding="utf-8", errors="replace") as maps:
            for line in maps:
                path = line.split()[-1] if line.split() else ""
                if re.search(r"/libpython3[.\d]*\.so", path):
                    return path
    except OSError:
        pass
    return None


def ssl_failure() -> Failure | None:
    """None when ``import ssl`` works in this Python; otherwise the cause and its fix."""
    try:
        import ssl  # noqa: F401
        return None
    except ImportError as e:
        error = str(e).strip().splitlines()[-1] if str(e).strip() else type(e).__name__
    # In a virtual environment, the Python it was made from (the environment goes).
    python = getattr(sys, "_base_executable", None) or sys.executable
    own, loaded = own_libpython(), loaded_libpython()
    another = (", or pass another Python >= 3.10 that has ssl: "
               'install_pykeras_r(python = "/path/to/python3")')
    if own and loaded and os.path.realpath(own) != os.path.realpath(loaded):
        search = os.environ.get("LD_LIBRARY_PATH", "")
        return Failure(
            "ssl-libpython",
            f"the Python {python} cannot import ssl ({error}), so pip cannot reach its package index: "
            f"this Python loaded another Python's library, {loaded}, instead of its own {own}"
            + (f" (LD_LIBRARY_PATH={search} lists {os.path.dirname(loaded)} first)" if search else ""),
            f"start that Python with its own library first (LD_LIBRARY_PATH={os.path.dirname(own)}:... "
            "or LD_LIBRARY_PATH unset)" + another)
    return Failure(
        "ssl-missing",
        f"the Python {python} cannot import ssl ({error}), so pip cannot reach its package index: "
        "this Python has no working ssl module (usually: OpenSSL's headers were missing when it was "
        "compiled)",
        "install OpenSSL's development files (Debian/Ubuntu: sudo apt install libssl-dev; then, "
        "for pyenv, pyenv install --force " + ".".join(map(str, sys.version_info[:3])) + ")" + another)


# --------------------------------------------------------------------------- pip's output


def _last(pattern: str, output: str) -> str:
    found = re.findall(pattern, output, flags=re.M)
    return found[-1].strip() if found else ""


def index_unreachable(output: str) -> str | None:
    """Why pip's index (the one pip names, else PyPI) cannot be reached, or None if it answers.

    pip with no retries left says only "from versions: none", as it does for a package the
    index lacks: asking the index tells the two apart."""
    import urllib.error
    import urllib.request

    url = _last(r"^Looking in indexes: (\S+?),?$", output) or "https://pypi.org/simple"
    url = url.split(",")[0]
    try:
        urllib.request.urlopen(url.rstrip("/") + "/pip/", timeout=15).close()
    except urllib.error.HTTPError:
        return None  # it answered
    except (urllib.error.URLError, OSError, ValueError) as e:
        return f"{url}: {getattr(e, 'reason', e)}"
    return None


def _no_version(output: str, match: re.Match) -> Failure:
    requirement, versions = match.group(1), match.group(2).strip()
    unreachable = index_unreachable(output) if versions == "none" else None
    if unreachable:
        return _network(output, match, unreachable)
    where = f"Python {sys.version_info[0]}.{sys.version_info[1]} on {sysconfig.get_platform()}"
    has = "none at all" if versions == "none" else versions
    return Failure(
        "no-version",
        f"pip reached its package index, but it has no version of {requirement} for {where} "
        f"(the index has: {has})",
        "make the environment from a Python that TensorFlow 2.16-2.21 supports (CPython 3.10 to "
        "3.13, 64-bit): install_pykeras_r(python = \"/path/to/python3\")")


def _network(output: str, match: re.Match, reason: str = "") -> Failure:
    reason = reason or _last(r"(?:NewConnectionError|ConnectTimeoutError|ProxyError|ReadTimeoutError|"
                             r"Max retries exceeded|Could not fetch URL|Failed to establish).*$", output)
    return Failure(
        "network",
        "pip could not reach its package index" + (f" ({reason[:300]})" if reason else ""),
        "check the internet connection: pip must reach its package index (PyPI, or the index "
        "pip.conf names; behind a proxy, set https_proxy)")


def _disk_full(output: str, match: re.Match) -> Failure:
    return Failure(
        "disk-full",
        f"the disk is full: pip stopped with \"{match.group(0).strip()[:300]}\"",
        f"free some space (TensorFlow and its packages need about 2 GB) where the environment goes "
        f"({sys.prefix}), in the temporary folder ({tempfile.gettempdir()}) and in pip's cache")


def _ssl_in_pip(output: str, match: re.Match) -> Failure:
    return ssl_failure() or Failure("ssl", "pip says the ssl module is not available",
                                    "use another Python >= 3.10: install_pykeras_r(python = ...)")


#: pip's failures, by the words pip prints: (pattern, what they mean). First match wins, so
#: the causes come before their consequences (no ssl -> no index -> "no matching distribution").
PIP_FAILURES = (
    (r"ssl module in Python is not available", _ssl_in_pip),
    (r"^.*(?:No space left on device|\[Errno 28\]).*$", _disk_full),
    (r"(?:NewConnectionError|ConnectTimeoutError|ProxyError|ReadTimeoutError|Failed to establish a new "
     r"connection|Temporary failure in name resolution|Name or service not known|Network is unreachable|"
     r"Connection refused)", _network),
    (r"Could not find a version that satisfies the requirement (\S+) \(from versions: ([^)]*)\)", _no_version),
)


def classify_pip_failure(output: str) -> Failure:
    """The cause of a failed ``pip install``, from its output (run in the Python that ran pip)."""
    for pattern, explain in PIP_FAILURES:
        match = re.search(pattern, output, flags=re.M)
        if match:
            return explain(output, match)
    error = _last(r"^ERROR: .*$", output)
    return Failure("other", "pip could not install pykeras_r's requirements" +
                   (f" ({error[:300]})" if error else " (its messages are above)"),
                   "read pip's messages above for the cause")


# --------------------------------------------------------------------------- the step R runs


def install(requirements: list[str], out=sys.stdout) -> int:
    """``import ssl``, then ``pip install`` of ``requirements`` in this Python (its messages to
    stderr); on failure ``KIND:``/``WHAT:``/``FIX:`` lines to ``out`` and 1."""
    failure = ssl_failure()
    if failure is None:
        pip = subprocess.Popen([sys.executable, "-m", "pip", "install", "--disable-pip-version-check",
                                *requirements], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True, errors="replace", bufsize=1)
        seen = []
        for line in pip.stdout:
            sys.stderr.write(line)
            sys.stderr.flush()
            seen.append(line)
        if pip.wait() != 0:
            failure = classify_pip_failure("".join(seen[-400:]))
    if failure is None:
        return 0
    print(f"KIND: {failure.kind}", file=out)
    print(f"WHAT: {failure.what}", file=out)
    print(f"FIX: {failure.fix}", file=out)
    out.flush()
    return 1


if __name__ == "__main__":
    sys.exit(install(sys.argv[1:]))
