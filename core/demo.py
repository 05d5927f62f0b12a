"""`make demo`: the whole platform on embedded defaults, under one Ctrl-C.

Starts the embedded Redis server (cache, counters and Celery broker), migrates SQLite,
seeds the demo province, then runs gunicorn, a Celery worker and Celery beat, all as
children of this process. Ctrl-C (or any child dying) stops every process it started.
Running it again reuses var/: the database, the Redis data and the beat schedule.

    python -m core.demo [--port 8000]
"""

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))
PYTHON = sys.executable
BIN = Path(PYTHON).parent


def port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


RESTARTS_PER_MINUTE = 5  # a process that keeps dying is given up on, and the demo stops


class Supervisor:
    def __init__(self):
        self.children: list[tuple[str, subprocess.Popen]] = []
        self.restartable: dict[str, tuple[list, dict]] = {}
        self.restarts: dict[str, list[float]] = {}

    def spawn(self, name, command, env, restart=False):
        # Own process group: Ctrl-C reaches us once, and we stop children in order.
        process = subprocess.Popen(command, cwd=BASE_DIR, env=env, start_new_session=True)
        self.children.append((name, process))
        if restart:
            self.restartable[name] = (command, env)
        return process

    def restart(self, name) -> bool:
        """Start a dead worker or beat again (a Celery pool that failed at start-up
        exits for good), unless it has died too often in the last minute."""
        now = time.monotonic()
        recent = [t for t in self.restarts.get(name, []) if now - t < 60] + [now]
        self.restarts[name] = recent
        if name not in self.restartable or len(recent) > RESTARTS_PER_MINUTE:
            return False
        self.children = [(n, p) for n, p in self.children if n != name]
        command, env = self.restartable[name]
        print(f"{name} stopped; starting it again", file=sys.stderr)
        self.spawn(name, command, env, restart=True)
        return True

    def stop_all(self):
        for _name, process in reversed(self.children):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + 15
        for name, process in reversed(self.children):
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                print(f"{name} did not stop in time; killing it", file=sys.stderr)
                process.kill()
                process.wait()

    def wait_any(self):
        """Until a process that cannot be restarted stops."""
        while True:
            for name, process in list(self.children):
                if process.poll() is not None and not self.restart(name):
                    return name, process.returncode
            time.sleep(0.5)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", 8000)))
    args = parser.parse_args(argv)

    if not port_is_free(args.port):
        print(
            f"Port {args.port} on 127.0.0.1 is already in use (another demo or server?). "
            f"Stop it, or run: make demo PORT=<another port>",
            file=sys.stderr,
        )
        return 1

    VAR_DIR.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "core.settings.dev", "VAR_DIR": str(VAR_DIR)}
    # Each gunicorn worker writes its request counters here; /metrics adds them up.
    # Emptied at every start, as prometheus-client's multiprocess mode requires.
    metrics_dir = VAR_DIR / "metrics"
    shutil.rmtree(metrics_dir, ignore_errors=True)
    metrics_dir.mkdir()
    env["PROMETHEUS_MULTIPROC_DIR"] = str(metrics_dir)
    # The demo always uses its own embedded servers, whatever the shell has set.
    for variable in ("DATABASE_URL", "REDIS_URL"):
        env.pop(variable, None)

    from core.embedded_redis import is_answering, start

    supervisor = Supervisor()

    def on_signal(signum, frame):
        raise KeyboardInterrupt

    # Installed explicitly: a shell that starts us in the background sets SIGINT to
    # "ignore", and Python keeps that, so Ctrl-C would otherwise be lost.
    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    try:
        socket_path = str(VAR_DIR / "redis.sock")
        if is_answering(socket_path):
            print(f"Reusing the embedded Redis server already running on {socket_path}")
        else:
            supervisor.children.append(("redis", start(socket_path, persist=True)))

        manage = [PYTHON, "manage.py"]
        subprocess.run([*manage, "migrate", "--noinput", "-v", "0"], cwd=BASE_DIR, env=env, check=True)
        subprocess.run([*manage, "seed_demo", "--port", str(args.port)], cwd=BASE_DIR, env=env, check=True)

        supervisor.spawn(
            "web",
            [
                str(BIN / "gunicorn"),
                "core.wsgi:application",
                "--bind",
                f"127.0.0.1:{args.port}",
                "--workers",
                "2",
                "--threads",
                "4",
                "--worker-class",
                "gthread",
                # No gunicorn access log: operations.wsgi logs each request once, with
                # its portal and request id, and never an address or user agent.
                "--graceful-timeout",
                "5",
            ],
            env,
        )
        supervisor.spawn(
            "worker",
            [str(BIN / "celery"), "-A", "core", "worker", "--loglevel", "INFO", "--concurrency", "2", "-n", "demo@%h"],
            env,
            restart=True,
        )
        supervisor.spawn("beat", [str(BIN / "celery"), "-A", "core", "beat", "--loglevel", "INFO"], env, restart=True)
        print(f"\nServing on http://127.0.0.1:{args.port} (open a portal's hostname above). Ctrl-C stops everything.\n")
        name, code = supervisor.wait_any()
        print(f"{name} exited with code {code}; stopping the rest", file=sys.stderr)
        return code or 1
    except KeyboardInterrupt:
        print("\nStopping…")
        return 0
    except subprocess.CalledProcessError as exc:
        print(f"Setup step failed: {' '.join(map(str, exc.cmd))}", file=sys.stderr)
        return exc.returncode or 1
    finally:
        supervisor.stop_all()


if __name__ == "__main__":
    sys.exit(main())
