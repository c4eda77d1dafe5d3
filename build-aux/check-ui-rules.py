#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# check-ui-rules.py SOURCE_ROOT
#
# Widgets never restate a rule (docs/HACKING.md): app/ui names no role
# (ANJU_ROLE_*, a role's name as a string, a test of user->role), reads no
# policy (anju_policy_*, anju-policy.h) and names no policy key (any
# "section.key" path of data/policy/*.json). They ask core instead:
# anju_context_may(), the domains' predicates and snapshots, and the view
# table of app/core/anju-view-access.c. Prints each offending line and
# fails if there is one.

import json
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else '.')

rules = [
    (re.compile(r'\bANJU_ROLES?_[A-Z_]+'), 'a role constant'),
    # "finance" is also a view's name: a role only beside a role
    (re.compile(r'"(manager|consultant|admin)"|role\w*\W.*"finance"|"finance".*\Wrole'),
     'a role named as a string'),
    (re.compile(r'\banju_role_(from|to)_string\b'), 'a role named as a string'),
    (re.compile(r'->role\s*[&=!]'), 'a test of a role'),
    (re.compile(r'\banju_context_has_role\b'), 'a role mask'),
    (re.compile(r'\banju_policy_\w+|anju-policy\.h'), 'a policy read'),
]


def policy_paths(node, prefix):
    if isinstance(node, dict):
        for key, value in node.items():
            if key.startswith('_'):
                continue
            path = prefix + '.' + key if prefix else key
            if prefix:
                yield path
            yield from policy_paths(value, path)


keys = set()
for policy in sorted((root / 'data' / 'policy').glob('*.json')):
    keys.update(policy_paths(json.loads(policy.read_text(encoding='utf-8')), ''))
if keys:
    alternatives = '|'.join(re.escape(k) for k in sorted(keys, key=len, reverse=True))
    rules.append((re.compile(r'"(%s)"' % alternatives), 'a policy key'))

found = 0
for source in sorted((root / 'app' / 'ui').glob('*.[ch]')):
    for number, line in enumerate(source.read_text(encoding='utf-8').splitlines(), 1):
        for pattern, what in rules:
            match = pattern.search(line)
            if match:
                print('%s:%d: %s (%s): ask core instead'
                      % (source.relative_to(root), number, what, match.group(0)))
                found += 1
if found:
    print('%d rule(s) restated in app/ui; see docs/HACKING.md, "Adding a view"' % found)
sys.exit(1 if found else 0)
