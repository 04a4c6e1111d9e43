"""TensorBoard from R and Python: ``start_tensorboard()`` serves the logs that
``callback_tensorboard()`` writes, as tensorflow R's ``tensorboard()`` does for keras R users."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time

from .errors import PyKerasRError, show

_RUNNING: list[subprocess.Popen] = []  # the TensorBoards this process started


def _python() -> str:
    """This Python's executable (under R, ``sys.executable`` can be R itself)."""
    exe = sys.executable or ""
    if os.path.basename(exe).lower().startswith("python"):
        return exe
    folder = "Scripts" if os.name == "nt" else "bin"
    return os.path.join(sys.prefix, folder, "python.exe" if os.name == "nt" else "python")


def _free_port(host: str) -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def _listening(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.settimeout(0.5)
        return s.connect_ex((host, port)) == 0


def start_tensorboard(log_dir, host: str = "127.0.0.1", port: int | None = None,
                      reload_interval: int = 5, purge_orphaned_data: bool = True,
                      timeout: float = 60.0) -> str:
    """Start TensorBoard on ``log_dir`` (a folder, or a list of folders) and return its URL once
    it answers. ``port`` ``None`` picks a free one. Stopped by ``stop_tensorboard()`` or when this
    process ends."""
    dirs = [log_dir] if isinstance(log_dir, (str, os.PathLike)) else list(log_dir)
    missing = [str(d) for d in dirs if not os.path.isdir(d)]
    if not dirs or missing:
        raise PyKerasRError(f"`log_dir` must name existing folders of logs (callback_tensorboard() writes "
                            f"them during fit()); not found: {show(missing or dirs)}.")
    try:
        import tensorboard  # noqa: F401  (TensorFlow installs it; the JAX or PyTorch backends may not)
    except ImportError as e:
        raise PyKerasRError(f"TensorBoard is not installed in this Python ({_python()}): "
                            f"pip install tensorboard.") from e
    port = _free_port(host) if port is None else int(port)
    logdir = (["--logdir", str(dirs[0])] if len(dirs) == 1 else
              ["--logdir_spec", ",".join(f"{os.path.basename(os.path.normpath(d))}:{d}" for d in dirs)])
    log = tempfile.TemporaryFile()
    proc = subprocess.Popen(
        [_python(), "-m", "tensorboard.main", *logdir, "--host", host, "--port", str(port),
         "--reload_interval", str(int(reload_interval)),
         "--purge_orphaned_data", "true" if purge_orphaned_data else "false"],
        stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    deadline = time.monotonic() + timeout
    while not _listening(host, port):
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            log.seek(0)
            said = log.read().decode(errors="replace").strip().splitlines()[-5:]
            raise PyKerasRError(f"TensorBoard did not start on {host}:{port}: " + " / ".join(said))
        time.sleep(0.2)
    _RUNNING.append(proc)
    return f"http://{host}:{port}"


def stop_tensorboard() -> int:
    """Stop every TensorBoard this process started; returns how many were running."""
    stopped = 0
    while _RUNNING:
        proc = _RUNNING.pop()
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
            stopped += 1
    return stopped
