"""`make run`'s last step, `flask run-all`: web app, worker and cron start together, work, and stop on Ctrl-C."""

from __future__ import annotations

import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "launcher-pass-123"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def flask(env, *args, **kwargs):
    return subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120, **kwargs)


class Browser:
    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def get(self, path: str) -> str:
        with self.opener.open(self.base + path, timeout=10) as response:
            return response.read().decode()

    def log_in(self) -> str:
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', self.get("/login"))[1]
        body = urllib.parse.urlencode({"username": "admin", "password": PASSWORD, "csrf_token": token}).encode()
        with self.opener.open(self.base + "/login", data=body, timeout=10) as response:
            return response.read().decode()


def wait_for(check, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    last = None
    while time.monotonic() < deadline:
        try:
            result = check()
            if result:
                return result
        except OSError as exc:  # not listening yet
            last = exc
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what} ({last})")


@pytest.fixture(params=["embedded", "servers"])
def run_env(request, tmp_path):
    env = {**os.environ, "INSTANCE_PATH": str(tmp_path / "instance"), "HOTLINE_ADMIN_PASSWORD": PASSWORD,
           "RQ_QUEUE": f"launcher-{uuid.uuid4().hex[:8]}", "SECRET_KEY": "launcher-test-secret-key"}
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    if request.param == "servers":
        env["DATABASE_URL"] = request.getfixturevalue("fresh_postgres_database")
        env["REDIS_URL"] = request.getfixturevalue("redis_server_url")
        import redis

        redis.Redis.from_url(env["REDIS_URL"]).flushdb()  # no workers or schedulers left from other runs
    return env


def start(env, port):
    return subprocess.Popen([sys.executable, "-m", "flask", "--app", "wsgi", "run-all", "--port", str(port)],
                            cwd=ROOT, env=env, start_new_session=True, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)


def ctrl_c(process) -> str:
    """What a terminal does on Ctrl-C: SIGINT to the whole foreground process group."""
    os.killpg(process.pid, signal.SIGINT)
    return wait_stopped(process)


def wait_stopped(process) -> str:
    try:
        output, _ = process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        output, _ = process.communicate()
        raise AssertionError("run-all did not stop within 30 s on Ctrl-C:\n" + output)
    return output


def test_run_all_serves_works_and_stops_cleanly(run_env):
    for step in (("db", "upgrade"), ("seed",), ("ensure-admin",)):
        result = flask(run_env, *step)
        assert result.returncode == 0, result.stderr
    port = free_port()
    process = start(run_env, port)
    try:
        browser = Browser(f"http://127.0.0.1:{port}")
        wait_for(lambda: "登录" in browser.get("/login"), 30, "the login page")
        assert "工作台" in browser.log_in()
        # The cron scheduler enqueues the heartbeat at once and the worker runs it.
        page = wait_for(lambda: (html := browser.get("/admin/")) and "最近一次定时任务运行于" in html and html, 40,
                        "the heartbeat job")
        assert "在线任务进程：1" in page and "定时调度器：1" in page
        assert "王巍" in browser.get("/admin/members/")
    finally:
        output = ctrl_c(process)
    assert process.returncode == 0, output
    assert subprocess.run(["pgrep", "-g", str(process.pid)], capture_output=True).stdout == b"", \
        "a process of run-all outlived Ctrl-C"
    embedded_socket = re.search(r"embedded Redis: .* \((.+)\)", output)
    if embedded_socket:  # the embedded redis-server runs in its own session: it must be stopped too
        assert subprocess.run(["pgrep", "-f", embedded_socket[1]], capture_output=True).stdout == b""

    # Running it again keeps the data: same admin password, no new account, roster unchanged.
    assert flask(run_env, "ensure-admin").stdout == ""
    assert flask(run_env, "seed").stdout.strip() == "名单导入完成：共 0 处变更。"
    process = start(run_env, port)
    try:
        browser = Browser(f"http://127.0.0.1:{port}")
        wait_for(lambda: "登录" in browser.get("/login"), 30, "the login page after a restart")
        assert "工作台" in browser.log_in()
    finally:
        process.terminate()  # as a service manager stops it: SIGTERM to the launcher alone
        output = wait_stopped(process)
    assert process.returncode == 0, output
    assert subprocess.run(["pgrep", "-g", str(process.pid)], capture_output=True).stdout == b""
    if "REDIS_URL" not in run_env:
        assert (Path(run_env["INSTANCE_PATH"]) / "redis.db").exists()
        assert (Path(run_env["INSTANCE_PATH"]) / "hotline.db").exists()
