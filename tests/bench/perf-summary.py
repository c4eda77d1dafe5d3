#!/usr/bin/env python3
"""perf-summary.py — a `perf script` of a benchmark's timed part, summed up

    ANJU_BENCH_PERF=/tmp/holds meson test -C build --benchmark --suite bench -v bench-holds
    perf script -i /tmp/holds/all.data -F comm,pid,tid,time,ip,sym,dso > all.txt
    tests/bench/perf-summary.py all.txt --server PID --bench PID [--focus FUNCTION]

(the pids are in the benchmark's "# perf:" line). Prints the samples per process and thread (as a share of all samples and
of the machine: seconds × frequency × CPUs), then for the server and the
bench the functions with the most samples, inclusive and self, and the
server's samples split by what a request is doing (the first rule in
SERVER_STAGES whose function is on the stack).

SPDX-License-Identifier: GPL-3.0-or-later
"""
import argparse
import collections
import re
import sys

HEAD = re.compile(r'^(\S.*?)\s+(\d+)/(\d+)\s+([\d.]+):')
FRAME = re.compile(r'^\s+([0-9a-f]+)\s+(.*?)\s+\((.*)\)$')

# Innermost rule first: a sample counts for the first stage whose function
# is anywhere on its stack.
SERVER_STAGES = [
    ('group commit: COMMIT (WAL write, fsync)', ['anju_store_commit']),
    ('group commit: BEGIN', ['anju_store_begin']),
    ('group commit: apply the commands (SQL, audit, changes)', ['apply_batch']),
    ('group commit: JSON answer (build, serialise)', ['answer_batch']),
    ('group commit: other', ['flush_batches_cb']),
    ('session check (token hash, SELECT)', ['anju_session_check']),
    ('request body: JSON parse', ['read_body']),
    ('command envelope check (new_from_node, admit)', ['handle_commands']),
    ('other handlers', ['on_request_cb']),
    ('early handler, body chunks, deadlines', ['on_early_request_cb', 'on_got_chunk_cb', 'on_request_started_cb', 'on_got_headers_cb']),
    ('accept; libsoup sets the connection up, reads and parses the request', ['on_accept_cb']),
    ('hold expiry timer', ['on_expire_holds_cb']),
    ('clock file read (tests only)', ['file_offset_clock']),
]
BENCH_STAGES = [
    ('desk: JSON parse of the answer', ['json_parser_load_from_data']),
    ('desk: building the request', ['anju_test_batch1', 'g_uuid_string_random', 'soup_message_new', 'g_strdup_printf']),
    ('desk: soup_session_send_and_read', ['soup_session_send_and_read']),
    ('desk: other', ['desk_thread']),
]


def symbol(name, dso):
    if name == '[unknown]':
        return '[%s]' % dso.rsplit('/', 1)[-1]
    return name


def read_samples(path):
    sample = None
    with open(path, errors='replace') as f:
        for line in f:
            m = HEAD.match(line)
            if m:
                if sample:
                    yield sample
                sample = {'comm': m.group(1).strip(), 'pid': int(m.group(2)), 'tid': int(m.group(3)),
                          'time': float(m.group(4)), 'frames': []}
                continue
            m = FRAME.match(line)
            if m and sample is not None:
                sample['frames'].append(symbol(m.group(2), m.group(3)))
                sample.setdefault('kernel', m.group(3) == '[kernel.kallsyms]')
    if sample:
        yield sample


def top(samples, total, n, title):
    incl = collections.Counter()
    self_ = collections.Counter()
    for s in samples:
        if not s['frames']:
            continue
        self_[s['frames'][0]] += 1
        for f in set(s['frames']):
            incl[f] += 1
    print('\n%s — %d samples; inclusive %% | self %% of these samples' % (title, len(samples)))
    for name, c in incl.most_common(n):
        print('  %5.1f %% | %5.1f %%  %s' % (100 * c / total, 100 * self_[name] / total, name))
    print('  top self:')
    for name, c in self_.most_common(n):
        print('  %5.1f %%  %s' % (100 * c / total, name))


def stages(samples, rules, title):
    count = collections.Counter()
    for s in samples:
        frames = set(s['frames'])
        for name, functions in rules:
            if any(f in frames for f in functions):
                count[name] += 1
                break
        else:
            leaf = s['frames'][0] if s['frames'] else '?'
            count['outside a handler: ' + leaf] += 1
    total = len(samples) or 1
    print('\n%s — where the samples are' % title)
    rest = 0
    for name, c in count.most_common():
        if name.startswith('outside') and c * 100 / total < 1.0:
            rest += c
            continue
        print('  %5.1f %%  %s' % (100 * c / total, name))
    if rest:
        print('  %5.1f %%  outside a handler, each < 1 %%' % (100 * rest / total))


def focus(samples, name, n):
    """The callees of @name, inclusive, as a share of the samples under it."""
    under = 0
    callees = collections.Counter()
    for s in samples:
        frames = s['frames']
        if name not in frames:
            continue
        under += 1
        i = len(frames) - 1 - frames[::-1].index(name)    # outermost call of it
        callees[frames[i - 1] if i > 0 else '(self)'] += 1
    if not under:
        return
    print('\n%s — %d samples (%.1f %% of the process), by what it calls' %
          (name, under, 100 * under / len(samples)))
    for callee, c in callees.most_common(n):
        print('  %5.1f %%  %s' % (100 * c / under, callee))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('script')
    ap.add_argument('--server', type=int)
    ap.add_argument('--bench', type=int)
    ap.add_argument('--freq', type=float, default=499)
    ap.add_argument('--cpus', type=int, default=2)
    ap.add_argument('--top', type=int, default=25)
    ap.add_argument('--focus', action='append', default=[],
                    help='also split the samples under this function by the functions it calls')
    a = ap.parse_args()

    samples = list(read_samples(a.script))
    if not samples:
        sys.exit('no samples')
    t0 = min(s['time'] for s in samples)
    t1 = max(s['time'] for s in samples)
    capacity = (t1 - t0) * a.freq * a.cpus
    print('%d samples over %.2f s: %.0f %% of %d CPUs at %g Hz' %
          (len(samples), t1 - t0, 100 * len(samples) / capacity, a.cpus, a.freq))

    def who(s):
        if s['pid'] == a.server:
            return 'server ' + ('main thread' if s['tid'] == s['pid'] else 'thread ' + s['comm'])
        if s['pid'] == a.bench:
            return 'bench ' + ('main thread' if s['tid'] == s['pid'] else 'thread ' + s['comm'])
        return 'other: ' + s['comm']

    groups = collections.Counter(who(s) for s in samples)
    kernel = collections.Counter(who(s) for s in samples if s.get('kernel'))
    print('\nper process/thread: % of samples, % of the machine, kernel share of its samples')
    for name, c in groups.most_common():
        print('  %5.1f %%  %5.1f %%  kernel %4.0f %%  %s' %
              (100 * c / len(samples), 100 * c / capacity, 100 * kernel[name] / c, name))

    server = [s for s in samples if s['pid'] == a.server]
    bench = [s for s in samples if s['pid'] == a.bench]
    if server:
        top(server, len(server), a.top, 'server (all threads)')
        stages(server, SERVER_STAGES, 'server')
        for name in a.focus:
            focus(server, name, a.top)
    if bench:
        top(bench, len(bench), a.top, 'bench (desk threads)')
        stages(bench, BENCH_STAGES, 'bench')


if __name__ == '__main__':
    main()
