#!/usr/bin/env python3
"""test-readme-setup.py stops the server it starts, even when it fails.

Runs test-readme-setup.py on a README of two lines, with a fake
anju-server that ignores SIGTERM and writes its pid, and a fake anjuctl:
1. the line after the server fails: the set-up test fails, and the
   server is gone when it returns;
2. the set-up test is stopped (SIGTERM, as meson's timeout does) while a
   line runs: the server is gone too.

Usage: test-readme-setup-cleanup.py SETUP_TEST
"""
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

README = """# Test
<!-- office-setup: begin -->
    anju-server --database /srv/anju/office.db --listen 0.0.0.0:8470
    anjuctl --database /srv/anju/office.db next-line
<!-- office-setup: end -->
"""

FAKE_SERVER = """#!/usr/bin/env python3
import os, signal, sys, time
signal.signal(signal.SIGTERM, signal.SIG_IGN)
with open(os.environ["FAKE_SERVER_PIDFILE"], "w") as f:
    f.write(str(os.getpid()))
print("anju-server: listening on 127.0.0.1:1", flush=True)
time.sleep(600)
"""

FAKE_ANJUCTL = """#!/bin/sh
case "$FAKE_ANJUCTL" in
  fail) echo "no such command" >&2; exit 3 ;;
  hang) sleep 600 ;;
esac
"""


def fail(message):
    print("not ok - " + message)
    sys.exit(1)


def alive(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            state = f.read().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return False
    return state not in ("Z", "X")


def write(path, text, mode=0o644):
    with open(path, "w") as f:
        f.write(text)
    os.chmod(path, mode)


def wait_for(predicate, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()


def run_case(setup_test, tmp, mode):
    root = os.path.join(tmp, mode)
    os.makedirs(root)
    write(os.path.join(root, "README.md"), README)
    server = os.path.join(root, "fake-server")
    anjuctl = os.path.join(root, "fake-anjuctl")
    pidfile = os.path.join(root, "server.pid")
    write(server, FAKE_SERVER, 0o755)
    write(anjuctl, FAKE_ANJUCTL, 0o755)
    env = dict(os.environ, FAKE_SERVER_PIDFILE=pidfile, FAKE_ANJUCTL=mode)
    test = subprocess.Popen([sys.executable, setup_test, root, anjuctl, server], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    pid = None
    try:
        if not wait_for(lambda: os.path.exists(pidfile) and open(pidfile).read().strip(), 30):
            fail("%s: the fake server never started" % mode)
        pid = int(open(pidfile).read())
        if mode == "hang":
            # Let the hanging line start, then stop the set-up test.
            time.sleep(0.5)
            test.send_signal(signal.SIGTERM)
        out, _ = test.communicate(timeout=60)
        if test.returncode == 0:
            fail("%s: the set-up test passed:\n%s" % (mode, out))
        if alive(pid):
            fail("%s: the server (pid %d) still runs after the set-up test ended:\n%s"
                 % (mode, pid, out))
        print("ok - %s: the server is stopped" % mode)
    finally:
        if test.poll() is None:
            test.kill()
            test.wait()
        if pid is not None and alive(pid):
            os.kill(pid, signal.SIGKILL)


def main():
    setup_test = os.path.abspath(sys.argv[1])
    tmp = tempfile.mkdtemp(prefix="anju-readme-cleanup-")
    try:
        run_case(setup_test, tmp, "fail")
        run_case(setup_test, tmp, "hang")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
