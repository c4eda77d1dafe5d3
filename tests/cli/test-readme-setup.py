#!/usr/bin/env python3
"""The README's office set-up, run word for word.

Takes the lines between the README's "office-setup: begin" and "end"
marks, runs each in a shell from the source directory with three
substitutions only: the database path goes to a temporary directory,
`anjuctl`/`anju-server` are the built programs, and the server listens on
a free port of 127.0.0.1 instead of 0.0.0.0:8470. Then it checks that the
result is a working office: one project with its building and 72 units,
one person of each role, an approval chain its managers can complete, and
a desk that signs in over HTTP and gets the board.

The server it starts is always stopped, whatever happens: on success, on
a failed check, on an exception, and when the test itself is stopped
(SIGTERM from meson's timeout, SIGINT); it runs in a process group of its
own, is asked to stop and is killed when it does not within a few seconds.

Usage: test-readme-setup.py SOURCE_ROOT ANJUCTL ANJU_SERVER
"""
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid


def fail(message):
    print("not ok - " + message)
    sys.exit(1)


def setup_lines(readme):
    text = open(readme, encoding="utf-8").read()
    match = re.search(r"<!-- office-setup: begin[^>]*-->(.*?)<!-- office-setup: end -->", text, re.S)
    if not match:
        fail("README.md has no office-setup block")
    lines = [line[4:] for line in match.group(1).splitlines() if line.startswith("    ")]
    if not lines:
        fail("the office-setup block has no commands")
    return lines


# How long the server has to print that it listens, and to stop when asked.
START_SECONDS = 20
STOP_SECONDS = 5


class Server:
    """anju-server started from a README line, in a process group of its own."""

    def __init__(self, cmd, cwd, env, log_path):
        self.log_path = log_path
        self.log = open(log_path, "w+", encoding="utf-8")
        self.process = subprocess.Popen(cmd, shell=True, cwd=cwd, env=env,
                                        stdout=self.log, stderr=subprocess.STDOUT,
                                        stdin=subprocess.DEVNULL, start_new_session=True)

    def output(self):
        with open(self.log_path, encoding="utf-8", errors="replace") as f:
            return f.read()

    def wait_listening(self):
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if "listening on" in self.output():
                return True
            if self.process.poll() is not None:
                return False
            time.sleep(0.05)
        return False

    def _signal_group(self, sig):
        try:
            os.killpg(self.process.pid, sig)
        except ProcessLookupError:
            pass

    def stop(self):
        """Stops the whole group: SIGTERM, then SIGKILL after STOP_SECONDS."""
        self._signal_group(signal.SIGTERM)
        try:
            self.process.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            pass
        # The shell may have gone while the server itself lingers.
        self._signal_group(signal.SIGKILL)
        try:
            self.process.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            print("# anju-server (pid %d) did not die" % self.process.pid)
        self.log.close()


def on_stop_signal(signum, frame):
    # Unwinds through main's finally, which stops the server.
    raise SystemExit("stopped by signal %d" % signum)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    source_root, anjuctl, server = (os.path.abspath(a) for a in sys.argv[1:4])
    lines = setup_lines(os.path.join(source_root, "README.md"))
    tmp = tempfile.mkdtemp(prefix="anju-readme-")
    db = os.path.join(tmp, "office.db")
    port = free_port()
    env = dict(os.environ)
    server_process = None
    signal.signal(signal.SIGTERM, on_stop_signal)
    signal.signal(signal.SIGINT, on_stop_signal)
    try:
        for line in lines:
            if "/srv/anju/office.db" not in line:
                fail("a set-up line does not name the office database: " + line)
            cmd = line.replace("/srv/anju/office.db", db)
            cmd = re.sub(r"(^|\| )anjuctl ", lambda m: m.group(1) + anjuctl + " ", cmd)
            if cmd.startswith("anju-server "):
                if "--listen 0.0.0.0:8470" not in cmd:
                    fail("the server line does not listen on 0.0.0.0:8470: " + line)
                cmd = server + cmd[len("anju-server"):]
                cmd = cmd.replace("--listen 0.0.0.0:8470", "--listen 127.0.0.1:%d" % port)
                server_process = Server(cmd, source_root, env, os.path.join(tmp, "server.log"))
                if not server_process.wait_listening():
                    fail("anju-server did not start: " + server_process.output())
                print("ok - " + line)
                continue
            done = subprocess.run(cmd, shell=True, cwd=source_root, env=env,
                                  capture_output=True, text=True)
            if done.returncode != 0:
                fail("README line failed (%d): %s\n%s%s" % (done.returncode, line, done.stdout, done.stderr))
            print("ok - " + line)
        if server_process is None:
            fail("the set-up does not start anju-server")

        def ctl(*args, stdin=None, database=db):
            done = subprocess.run([anjuctl, "--database", database] + list(args), input=stdin,
                                  capture_output=True, text=True, env=env, cwd=tmp)
            if done.returncode != 0:
                fail("anjuctl %s: %s%s" % (" ".join(args), done.stdout, done.stderr))
            return done.stdout

        projects = json.loads(ctl("projects", "list", "--json"))
        if len(projects) != 1 or projects[0]["buildings"] != 1 or projects[0]["units"] != 72:
            fail("the office is not one project with 1 building and 72 units: %r" % projects)
        print("ok - one project, 1 building, 72 units")

        # Every role can sign in, and the managers can complete the chain:
        # setting the policy checks the chain against the office's people.
        policy = {"type": "project.set_policy", "id": str(uuid.uuid4()),
                  "payload": {"project_id": projects[0]["id"],
                              "policy": {"approval": {"expires": "end_of_day"}}}}
        ctl("apply", "-", "--user", "it", stdin=json.dumps(policy, ensure_ascii=False) + "\n")
        print("ok - the approval chain can be completed by this office's managers")

        # A desk connects to the server as the consultant and gets the board.
        desk = os.path.join(tmp, "desk.db")
        ctl("sync", "--server", "http://127.0.0.1:%d" % port, "--user", "lina",
            stdin="ln-pw-2026\n", database=desk)
        board = ctl("units", "list", database=desk)
        units = [l for l in board.splitlines() if "\t1幢-" in l]
        if len(units) != 72:
            fail("the desk's board has %d units, not 72:\n%s" % (len(units), board))
        print("ok - a desk signed in as lina has the 72 units")
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        if server_process is not None:
            server_process.stop()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
