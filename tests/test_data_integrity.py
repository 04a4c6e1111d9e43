"""Data integrity: fuzzed readers, concurrent loads, interrupted writes and downloads.

Readers are fuzzed with hypothesis (bounded for speed): random and mutated IDX headers and
bodies, plain and gzip-compressed, and mutated npz archives never crash the interpreter,
never hang and never allocate far beyond the file's size; they return a valid array or raise
DataError. Concurrency and interruption use real processes.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import http.server
import io
import os
import signal
import struct
import subprocess
import sys
import textwrap
import threading
import time
import tracemalloc
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pykeras_r import data
from pykeras_r.datasets.formats import MAX_DEFLATE_RATIO
from pykeras_r.errors import DataError

SYSTEM = Path(data.FASHION_MNIST.system_dirs[0])
FUZZ = settings(max_examples=100, deadline=2000, suppress_health_check=[HealthCheck.function_scoped_fixture])


class Hang(Exception):
    pass


@contextlib.contextmanager
def no_hang(seconds: float = 10.0):
    """Stop a read that runs past ``seconds`` (hypothesis' deadline only reports slowness after
    the fact; a real hang would stall the whole run)."""
    def stop(signum, frame):
        raise Hang(f"read did not finish within {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def idx_bytes(dims, body: bytes, type_code=0x08, magic=b"\x00\x00") -> bytes:
    return magic + bytes([type_code, len(dims)]) + struct.pack(">" + "I" * len(dims), *dims) + body


def check_reader(path: Path) -> None:
    """read_idx either returns a consistent array or raises DataError; memory stays bounded."""
    size = path.stat().st_size
    tracemalloc.start()
    try:
        with no_hang():
            array, buf = data.read_idx(path)
        assert array.dtype == np.uint8 and array.size == len(buf) - (4 + 4 * array.ndim)
    except DataError:
        pass
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    # A gzip file may legitimately expand; nothing else may allocate beyond its own size.
    limit = size * MAX_DEFLATE_RATIO + (1 << 20) if path.suffix == ".gz" else 2 * size + (1 << 20)
    assert peak <= limit, f"peak {peak} bytes for a {size}-byte file"


@FUZZ
@given(dims=st.lists(st.integers(0, 2**32 - 1), min_size=0, max_size=6),
       body=st.binary(max_size=2048), type_code=st.integers(0, 255),
       magic=st.binary(min_size=2, max_size=2), compress=st.booleans())
def test_fuzzed_idx_headers_and_bodies(tmp_path_factory, dims, body, type_code, magic, compress):
    content = idx_bytes(dims, body, type_code, magic)
    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / ("f.gz" if compress else "f")
    path.write_bytes(gzip.compress(content) if compress else content)
    check_reader(path)


@FUZZ
@given(cut=st.integers(0, 60008 + 16), flips=st.lists(st.tuples(st.integers(0, 10**6), st.integers(1, 255)), max_size=4),
       compress=st.booleans())
def test_mutated_real_file(tmp_path_factory, cut, flips, compress):
    real = gzip.decompress((SYSTEM / "train-labels-idx1-ubyte.gz").read_bytes())
    mutated = bytearray(real[:cut])
    for pos, xor in flips:
        if mutated:
            mutated[pos % len(mutated)] ^= xor
    raw = gzip.compress(bytes(mutated)) if compress else bytes(mutated)
    if compress and flips:  # also damage the compressed stream itself
        raw = bytearray(raw)
        raw[flips[0][0] % len(raw)] ^= flips[0][1]
        raw = bytes(raw)
    path = tmp_path_factory.mktemp("mut") / ("labels.gz" if compress else "labels")
    path.write_bytes(raw)
    check_reader(path)
    try:
        data.read_idx(path, expected_shape=(60000,), expected_sha256=data.FASHION_MNIST.files[1].sha256)
        assert bytes(mutated) == real  # accepted only if it is the official content
    except DataError:
        pass


def test_header_claiming_a_billion_images_is_refused_before_allocation(tmp_path):
    for name, content in [("big", idx_bytes((1_000_000_000, 28, 28), bytes(64))),
                          ("big.gz", gzip.compress(idx_bytes((1_000_000_000, 28, 28), bytes(64))))]:
        path = tmp_path / name
        path.write_bytes(content)
        tracemalloc.start()
        with pytest.raises(DataError, match="truncated or corrupt"):
            data.read_idx(path)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert peak < 1 << 20


@FUZZ
@given(flips=st.lists(st.tuples(st.integers(0, 10**6), st.integers(1, 255)), min_size=1, max_size=3),
       cut=st.one_of(st.none(), st.integers(0, 4000)))
def test_mutated_npz(tmp_path_factory, flips, cut):
    # Small arrays under a small spec: the reader's logic is the same for any shape.
    files = tuple(data.IdxFileSpec(f.role, f.filename, "", (4, 3, 3) if f.role.startswith("x") else (4,))
                  for f in data.MNIST.files)
    buffer = io.BytesIO()
    originals = {f.role: np.arange(np.prod(f.shape), dtype=np.uint8).reshape(f.shape) for f in files}
    np.savez_compressed(buffer, **originals)
    original = buffer.getvalue()
    raw = bytearray(original)
    for pos, xor in flips:
        raw[pos % len(raw)] ^= xor
    if cut is not None:
        raw = raw[:cut]
    path = tmp_path_factory.mktemp("npz") / "mnist.npz"
    path.write_bytes(bytes(raw))
    tracemalloc.start()
    try:
        with no_hang():
            out = data.read_npz(path, files)
        # Without a checksum, what is returned must still be exactly what was stored: a damage
        # that survives the zip's own CRC-32 may only touch metadata, never the arrays.
        assert set(out) == set(originals)
        for role, (array, buf) in out.items():
            assert array.dtype == np.uint8 and array.shape == originals[role].shape
            assert np.array_equal(array, originals[role]), role
    except DataError:
        pass
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert peak < 1 << 20
    # With the archive's pinned SHA-256, anything but the original bytes is refused.
    pinned = hashlib.sha256(original).hexdigest()
    if bytes(raw) != original:
        with pytest.raises(DataError), no_hang():
            data.read_npz(path, files, expected_sha256=pinned)
    else:
        assert set(data.read_npz(path, files, expected_sha256=pinned)) == set(originals)


# --------------------------------------------------------------------------- real processes

LOADER = textwrap.dedent("""
    import sys, warnings
    warnings.simplefilter("ignore")
    from pykeras_r.data import load_dataset
    d = load_dataset("fashion-mnist")
    print(d.arrays["x_train"][:100].sum(), d.sources["x_train"].split(":")[0], flush=True)
""")


def loader_env(cache: Path, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "PYKERAS_R_DATA"}
    env.update({"PYKERAS_R_CACHE": str(cache), "PYKERAS_R_MIRROR": "http://127.0.0.1:9/"}, **extra)
    return env


def assert_one_good_copy(cache: Path) -> None:
    folder = cache / "fashion-mnist"
    names = sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))
    assert names == sorted(n for f in data.FASHION_MNIST.files for n in (f.filename, f.filename + ".verified.json"))
    import hashlib

    for f in data.FASHION_MNIST.files:
        assert hashlib.sha256((folder / f.filename).read_bytes()).hexdigest() == f.sha256


def test_concurrent_first_loads_all_succeed_and_leave_one_good_copy(tmp_path):
    cache = tmp_path / "cache"
    procs = [subprocess.Popen([sys.executable, "-c", LOADER], env=loader_env(cache), stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(4)]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), [o[1][-500:] for o in outputs]
    sums = {o[0].split()[0] for o in outputs}
    assert len(sums) == 1
    assert_one_good_copy(cache)
    assert not [p for p in (cache / "fashion-mnist").iterdir() if p.name.endswith(".tmp")]


# The loader with its cache writes slowed down (the data arrives at the real write code in 1 MiB
# pieces, 50 ms apart), announcing each write, so that a kill can be aimed inside one.
SLOW_CACHE_WRITES = textwrap.dedent("""
    import time
    from pykeras_r.datasets import cache
    real_atomic_write = cache.atomic_write
    def announced_slow_write(dest, chunks):
        def pieces():
            for chunk in chunks:
                view = memoryview(chunk)
                for start in range(0, len(view), 1 << 20):
                    yield view[start:start + (1 << 20)]
                    if start == 0:
                        print("WRITING", dest.name, flush=True)
                    time.sleep(0.05)
        real_atomic_write(dest, pieces())
    cache.atomic_write = announced_slow_write
""")


@pytest.mark.parametrize("target", ["train-images-idx3-ubyte", "train-images-idx3-ubyte.verified.json"])
def test_cache_write_killed_mid_write_leaves_nothing_trusted(tmp_path, target):
    """Killed inside the write of the data file (a partial temporary file is left), or after it
    but inside its sidecar's (the data file is there, its record is not): the next load never
    trusts what is there; it verifies or reads the source again, and leaves one good copy."""
    cache = tmp_path / "cache"
    folder = cache / "fashion-mnist"
    p = subprocess.Popen([sys.executable, "-c", SLOW_CACHE_WRITES + LOADER], env=loader_env(cache),
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        for line in p.stdout:
            if line.strip() == f"WRITING {target}":
                break
        else:
            pytest.fail(f"the loader finished without writing {target}")
        p.send_signal(signal.SIGKILL)
    finally:
        p.kill()
        p.wait()
    partial = [f for f in folder.iterdir() if f.name.startswith(f".{target}.") and f.name.endswith(".tmp")]
    assert len(partial) == 1, "the kill did not land inside the write; the test proves nothing"
    assert not (folder / (target if target.endswith(".json") else target + ".verified.json")).exists()
    if target.endswith(".json"):
        assert (folder / "train-images-idx3-ubyte").is_file()  # written, but not yet vouched for
    else:
        assert 0 < partial[0].stat().st_size < data.FASHION_MNIST.files[0].shape[0] * 784
    result = subprocess.run([sys.executable, "-c", LOADER], env=loader_env(cache), capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-500:]
    assert result.stdout.split()[0] == "5688570"  # sum of the first 100 training images
    assert_one_good_copy(cache)


class SlowHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files slowly for its first seconds, so that a download can be killed half-way."""

    slow_until = 0.0

    def copyfile(self, source, outputfile):
        while chunk := source.read(64 * 1024):
            outputfile.write(chunk)
            if time.monotonic() < SlowHandler.slow_until:
                time.sleep(0.05)

    def log_message(self, *args):
        pass


def test_killed_download_leaves_nothing_trusted(tmp_path, monkeypatch):
    served = tmp_path / "mirror" / "fashion-mnist"
    served.mkdir(parents=True)
    for f in SYSTEM.glob("*.gz"):
        (served / f.name).write_bytes(f.read_bytes())
    handler = lambda *a, **k: SlowHandler(*a, directory=str(tmp_path / "mirror"), **k)  # noqa: E731
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    cache = tmp_path / "cache"
    # No system data: the loader must download. Its spec is patched in the child process.
    loader = ("import dataclasses\nfrom pykeras_r import data\n"
              "data.DATASETS['fashion-mnist'] = dataclasses.replace(data.FASHION_MNIST, system_dirs=())\n" + LOADER)
    env = loader_env(cache, PYKERAS_R_MIRROR=f"http://127.0.0.1:{server.server_address[1]}/")
    SlowHandler.slow_until = time.monotonic() + 6
    try:
        p = subprocess.Popen([sys.executable, "-c", loader], env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
        time.sleep(4)  # Python and the first downloads start; the images are still arriving
        p.send_signal(signal.SIGKILL)
        p.wait()
        folder = cache / "fashion-mnist"
        partial = [f for f in folder.iterdir() if f.name.endswith(".gz.tmp")] if folder.exists() else []
        trusted = [f for f in folder.iterdir() if f.name.endswith(".verified.json")] if folder.exists() else []
        assert partial, "the kill did not interrupt a download; the test proves nothing"
        for sidecar in trusted:  # what was fully downloaded and verified before the kill is fine
            assert (folder / sidecar.name.removesuffix(".verified.json")).is_file()
        result = subprocess.run([sys.executable, "-c", loader], env=env, capture_output=True, text=True,
                                timeout=300)
        assert result.returncode == 0, result.stderr[-800:]
        assert_one_good_copy(cache)
    finally:
        server.shutdown()


def test_no_hang_stops_a_read_that_never_returns():
    started = time.monotonic()
    with pytest.raises(Hang), no_hang(0.3):
        while True:  # what a reader stuck in a loop would do
            pass
    assert time.monotonic() - started < 5
