"""Verdicts of scripts/test-xen417-vmx from its console log: each guest
started by dom0-pvh-launch ("LAUNCH: NAME dN started") passes when its
own lines ("(dN) ...", written to port 0xe9 and printed by Xen) end with
"Test result: SUCCESS" and the domain powered off."""
import re
import sys

GUEST = re.compile(r'^\(d(\d+)\) (.*)$')


def parse(lines):
    """Names by domain id first: a quick guest can finish before the
    launcher's "started" line reaches the console."""
    names, ends, out, fails = {}, {}, {}, {}
    for line in lines:
        m = re.match(r'^LAUNCH: (\S+) d(\d+) started', line)
        if m:
            names[int(m.group(2))] = m.group(1)
    for line in lines:
        m = re.match(r'^LAUNCH-END: (\S+) d\d+ (\S+)', line)
        if m:
            ends[m.group(1)] = m.group(2)
            continue
        m = re.match(r'^LAUNCH-FAIL: (\S+): (.*)', line)
        if m:
            fails[m.group(1)] = m.group(2)
            continue
        m = GUEST.match(line)
        if m and int(m.group(1)) in names:
            out.setdefault(names[int(m.group(1))], []).append(m.group(2))
    return names, ends, out, fails


def checks(lines):
    """{check name: 'ok' or 'FAIL'} of one guest's lines."""
    got = {}
    for l in lines:
        m = re.match(r'^(ok|FAIL) - (.*?)(: got .*)?$', l)
        if m:
            got[m.group(2).strip()] = m.group(1)
    return got


def ours_by_name(path, order):
    """Our run's lines per guest: module i was domain d<i>."""
    out = {}
    try:
        lines = open(path, errors='replace').read().splitlines()
    except OSError:
        return out
    for line in lines:
        m = GUEST.match(line)
        if m and int(m.group(1)) < len(order):
            out.setdefault(order[int(m.group(1))], []).append(m.group(2))
    return out


def compare(xen, ours, order, path):
    """Write the check-by-check comparison; print one line per guest."""
    with open(path, 'w') as f:
        for name in order:
            x, o = checks(xen.get(name, [])), checks(ours.get(name, []))
            both = [k for k in x if k in o]
            same = [k for k in both if x[k] == o[k]]
            differ = [k for k in both if x[k] != o[k]]
            only_x = [k for k in x if k not in o]
            only_o = [k for k in o if k not in x]
            print(f"info: xen417-vmx/{name}: {len(both)} checks made on "
                  f"both, {len(same)} answered alike, {len(differ)} not; "
                  f"{len(only_x)} only on Xen, {len(only_o)} only on ours")
            f.write(f"== {name}: Xen 4.17 (domU) beside ours (dom0), both "
                    "under Bochs (VMX, EPT)\n")
            for k in differ:
                f.write(f"differ: {k}: Xen {x[k]}, ours {o[k]}\n")
            for k in only_x:
                f.write(f"only on Xen: {k}: {x[k]}\n")
            for k in only_o:
                f.write(f"only on ours: {k}: {o[k]}\n")
            for k in same:
                f.write(f"alike: {k}: {x[k]}\n")
            for l in xen.get(name, []):
                if l.startswith('info:'):
                    f.write(f"Xen {l}\n")
            for l in ours.get(name, []):
                if l.startswith('info:'):
                    f.write(f"ours {l}\n")


def main(log, ours_log=None, listing='', compare_path=None):
    lines = open(log, errors='replace').read().splitlines()
    names, ends, out, fails = parse(lines)
    bad = 0
    for name, why in fails.items():
        print(f"FAIL: xen417-vmx/{name}: not started: {why}")
        bad += 1
    for name in names.values():
        got = out.get(name, [])
        ok = 'Test result: SUCCESS' in got and ends.get(name) == 'poweroff'
        if ok:
            print(f"PASS: xen417-vmx/{name}")
            continue
        bad += 1
        print(f"FAIL: xen417-vmx/{name}: ended {ends.get(name, 'never')}; "
              "its last lines:")
        for l in got[-8:]:
            print('  | ' + l)
        for l in (l for l in got if l.startswith('FAIL')):
            print('  | ' + l)
    if not names and not fails:
        print("FAIL: xen417-vmx/run: no guest was started")
        bad += 1
    if ours_log and compare_path:
        order = [l.split()[0] for l in listing.splitlines() if l.strip()]
        ours = ours_by_name(ours_log, order)
        for name in order:
            got = ours.get(name, [])
            if 'Test result: SUCCESS' in got:
                print(f"PASS: xen417-vmx/ours-{name}")
            else:
                bad += 1
                print(f"FAIL: xen417-vmx/ours-{name}: its last lines:")
                for l in got[-8:]:
                    print('  | ' + l)
        compare(out, ours, order, compare_path)
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main(*sys.argv[1:]))
