#!/usr/bin/env python3
"""The two import circles issue 8 named stay gone.

1. core's dispatcher does not register the domains built on it: nothing in
   app/core but anju-domains.c calls anju_commands_init(), nor does the
   window's context (app/ui); the programs (app, anjuctl, anju-server),
   the test store helper and every main in tests/ui, tests/bench,
   tests/server and tests/print call it.
2. The toast helper lives in app/ui/anju-ui-util.c, not in the window:
   views show toasts without including anju-window.h, and a file of
   app/ui includes anju-window.h only to use the window itself.

Usage: check-import-circles.py SOURCE_ROOT
"""
import os
import re
import sys


def read(root, path):
    with open(os.path.join(root, path), encoding="utf-8") as f:
        return f.read()


def code_only(text):
    """The text without comments (a comment may name a function)."""
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    return re.sub(r"//[^\n]*", "", text)


def main():
    root = sys.argv[1]
    problems = []

    core = os.path.join(root, "app", "core")
    for name in sorted(os.listdir(core)):
        if name.endswith(".c") and name != "anju-domains.c" and \
                re.search(r"\banju_commands_init\s*\(", code_only(read(root, "app/core/" + name))):
            problems.append("app/core/%s calls anju_commands_init(); the domains register from "
                            "above (main, anjuctl, anju-server, the test store helper)" % name)
    for path in ("app/main.c", "app/cli/anjuctl.c", "app/server/anju-server-main.c",
                 "tests/core/anju-test-util.c"):
        if not re.search(r"\banju_commands_init\s*\(\s*\)\s*;", code_only(read(root, path))):
            problems.append("%s does not call anju_commands_init()" % path)

    # Nor does the window's context: every program that builds one (the
    # app, the UI tests, shots and benchmarks) registers in its main.
    for part in ("app/ui", "app/sync", "app/print"):
        for name in sorted(os.listdir(os.path.join(root, part))):
            if name.endswith(".c") and \
                    re.search(r"\banju_commands_init\s*\(", code_only(read(root, part + "/" + name))):
                problems.append("%s/%s calls anju_commands_init(); the program's main does" % (part, name))
    for part in ("tests/ui", "tests/bench", "tests/server", "tests/print"):
        for name in sorted(os.listdir(os.path.join(root, part))):
            if not name.endswith(".c"):
                continue
            text = code_only(read(root, part + "/" + name))
            if re.search(r"^main\s*\(", text, re.M) and \
                    not re.search(r"\banju_commands_init\s*\(\s*\)\s*;", text):
                problems.append("%s/%s has a main that does not call anju_commands_init()" % (part, name))

    util_h = code_only(read(root, "app/ui/anju-ui-util.h"))
    util_c = code_only(read(root, "app/ui/anju-ui-util.c"))
    if "anju_widget_show_toast" not in util_h or \
            not re.search(r"^anju_widget_show_toast\s*\(", util_c, re.M):
        problems.append("anju_widget_show_toast() is not declared and defined in app/ui/anju-ui-util.*")
    for path in ("app/ui/anju-window.h", "app/ui/anju-window.c"):
        text = code_only(read(root, path))
        if re.search(r"^anju_widget_show_toast\s*\(|\bvoid\s+anju_widget_show_toast\b", text, re.M):
            problems.append("%s still declares or defines anju_widget_show_toast()" % path)

    ui = os.path.join(root, "app", "ui")
    for name in sorted(os.listdir(ui)):
        if not name.endswith(".c") or name == "anju-window.c":
            continue
        text = code_only(read(root, "app/ui/" + name))
        if '#include "anju-window.h"' in text and \
                not re.search(r"\b(anju_window_\w+|ANJU_WINDOW|ANJU_IS_WINDOW|ANJU_TYPE_WINDOW)\b", text):
            problems.append("app/ui/%s includes anju-window.h but uses nothing of the window "
                            "(toasts: anju-ui-util.h)" % name)

    for problem in problems:
        print("not ok - " + problem)
    if problems:
        sys.exit(1)
    print("ok - no import circle")


if __name__ == "__main__":
    main()
