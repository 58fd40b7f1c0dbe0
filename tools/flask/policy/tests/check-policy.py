#!/usr/bin/env python3
"""Checks of the compiled FLASK policy; prints PASS:/FAIL: lines.

usage: check-policy.py --policy BIN --conf policy.conf --policy-dir DIR
                       [--header-dump FILE]

1. BIN is a Xen-target binary policy of the expected format version.
2. The class and permission numbers checkpolicy stored in BIN are those
   of the sources (and of the generated headers, given --header-dump:
   the output of `test-headers --dump`).
3. Access rules that the policy promises, read two ways: from policy.conf
   by the small reader below, and from BIN with setools' sesearch when it
   is installed.
4. checkpolicy refuses a policy that breaks the isolated_t neverallow.
"""
import argparse
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile

FAILED = 0


def report(ok, name, why=''):
    global FAILED
    if ok:
        print(f"PASS: flask/{name}")
    else:
        FAILED += 1
        print(f"FAIL: flask/{name}: {why}")


# --- the binary policy (libsepol's policydb format), classes only ----------

MAGIC = 0xf97cff8c
CEXPR_NAMES = 5


class Reader:
    def __init__(self, data):
        self.d, self.o = data, 0

    def u32(self, n=1):
        v = struct.unpack_from(f'<{n}I', self.d, self.o)
        self.o += 4 * n
        return v if n > 1 else v[0]

    def raw(self, n):
        v = self.d[self.o:self.o + n]
        self.o += n
        return v

    def ebitmap(self):
        _, _, count = self.u32(3)
        self.o += count * 12        # (u32 start bit, u64 bits) each


def read_constraints(r, version, count):
    for _ in range(count):
        _perms, nexpr = r.u32(2)
        for _ in range(nexpr):
            etype, _, _ = r.u32(3)  # type, attribute, operator
            if etype == CEXPR_NAMES:
                r.ebitmap()
                if version >= 29:   # names kept as a type set
                    r.ebitmap()
                    r.ebitmap()
                    r.u32()


def read_classes(path):
    """{class: (value, {perm: value})} and the format version."""
    r = Reader(open(path, 'rb').read())
    if r.u32() != MAGIC:
        raise ValueError("bad magic")
    target = r.raw(r.u32())
    if target != b'XenFlask':
        raise ValueError(f"target {target!r}, not XenFlask")
    version, _config, nsyms, _nocons = r.u32(4)
    if version >= 22:
        r.ebitmap()                 # policy capabilities
    if version >= 23:
        r.ebitmap()                 # permissive types
    # Symbol table 0: commons.
    _, ncommons = r.u32(2)
    for _ in range(ncommons):
        ln, _, _, nperm = r.u32(4)
        r.raw(ln)
        for _ in range(nperm):
            r.raw(r.u32(2)[0])
    # Symbol table 1: classes.
    _, nclasses = r.u32(2)
    classes = {}
    for _ in range(nclasses):
        ln, lcom, value, _, nperm, ncons = r.u32(6)
        name = r.raw(ln).decode()
        r.raw(lcom)
        perms = {}
        for _ in range(nperm):
            pl, pv = r.u32(2)
            perms[r.raw(pl).decode()] = pv
        read_constraints(r, version, ncons)
        if version >= 19:
            read_constraints(r, version, r.u32())   # validatetrans
        if version >= 27:
            r.u32(3)                # default user, role, range
        if version >= 28:
            r.u32()                 # default type
        classes[name] = (value, perms)
    return version, classes


# --- policy.conf: just enough of the language for our own policy -----------

class Conf:
    """Types, attributes, allow and type_transition rules of policy.conf."""

    def __init__(self, path):
        text = re.sub(r'#[^\n]*', '', open(path).read())
        self.attrs = {}             # attribute -> set of types
        self.types = set()
        self.allow = []             # (sources, targets, classes, perms)
        self.trans = []             # (sources, targets, classes, new type)
        stmts = [s.split() for s in self._statements(text)]
        for s in stmts:             # declarations first: rules use them
            if s[0] == 'attribute':
                self.attrs.setdefault(s[1], set())
            elif s[0] == 'type':
                names = ' '.join(s[1:]).replace(',', ' ').split()
                self.types.add(names[0])
                for a in names[1:]:
                    self.attrs.setdefault(a, set()).add(names[0])
        for s in stmts:
            if s[0] in ('allow', 'type_transition'):
                self._rule(s)

    @staticmethod
    def _statements(text):
        # Statements end with ';', except class/common blocks { ... }.
        text = re.sub(r'\b(class|common)\s+\w+\s*\{[^}]*\}', '', text)
        return [s.strip() for s in text.split(';') if s.strip()]

    def _set(self, toks, universe, expand):
        """A name, *, ~x, or { a b -c } as a set of names."""
        s = ' '.join(toks).replace('{', ' { ').replace('}', ' } ').split()
        neg = s[0] == '~'
        s = [t for t in s[1 if neg else 0:] if t not in '{}']
        inc, exc = set(), set()
        for t in s:
            if t == '*':
                inc |= universe
            elif t.startswith('-'):
                exc |= expand(t[1:])
            else:
                inc |= expand(t)
        out = inc - exc
        return universe - out if neg else out

    def _types(self, toks):
        return self._set(toks, self.types,
                         lambda n: self.attrs.get(n, {n}))

    def _rule(self, s):
        body = ' '.join(s[1:])
        m = re.match(r'^(.*?)\s+([^:]*?)\s*:\s*(\{[^}]*\}|\S+)\s+(.*)$', body)
        if not m:
            raise ValueError(f"cannot read: {' '.join(s)}")
        src, tgt, cls, rest = m.groups()
        first_brace = lambda x: x.startswith('{') or x.startswith('~')
        srcs = self._types(src.split() if first_brace(src) else [src])
        tgts = self._types(tgt.split())
        clss = set(cls.strip('{}').split())
        if s[0] == 'allow':
            self.allow.append((srcs, tgts, clss, set(rest.strip('{} ').split())))
        else:
            self.trans.append((srcs, tgts, clss, rest.strip()))

    def allowed(self, src, tgt, cls, perm):
        return any(src in a and tgt in b and cls in c and (perm in p or '*' in p)
                   for a, b, c, p in self.allow)

    def targets_of(self, src):
        return set().union(*(b for a, b, _, _ in self.allow if src in a))

    def transition(self, src, tgt, cls):
        for a, b, c, new in self.trans:
            if src in a and tgt in b and cls in c:
                return new
        return None


def sesearch_allowed(binary, src, tgt, cls, perm):
    out = subprocess.run(['sesearch', '-A', '-s', src, '-t', tgt, '-c', cls,
                          '-p', perm, binary], capture_output=True, text=True,
                         check=True).stdout
    return any(line.startswith('allow ') for line in out.splitlines())


def sesearch_targets(binary, src):
    out = subprocess.run(['sesearch', '-A', '-s', src, binary],
                         capture_output=True, text=True, check=True).stdout
    return {line.split()[2].split(':')[0] for line in out.splitlines()
            if line.startswith('allow ')}


# --- the checks ----------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--policy', required=True)
    ap.add_argument('--conf', required=True)
    ap.add_argument('--policy-dir', required=True)
    ap.add_argument('--header-dump')
    ap.add_argument('--format', type=int, default=30)
    a = ap.parse_args()

    here = os.path.dirname(os.path.abspath(__file__))
    sys.path.insert(0, os.path.join(here, '..', '..', '..', '..', 'scripts'))
    sys.dont_write_bytecode = True     # keep scripts/ free of __pycache__
    gen = __import__('gen-flask-headers')
    src_classes, src_sids, src_avs = gen.load(a.policy_dir)

    # 1. The binary.
    try:
        version, bin_classes = read_classes(a.policy)
        report(version == a.format, 'binary-format',
               f"version {version}, expected {a.format}")
    except (OSError, ValueError, struct.error) as e:
        report(False, 'binary-format', str(e))
        bin_classes = {}

    # 2. Numbering: sources == binary (== headers).
    want = {c: (i, {p: j for j, p in enumerate(perms, 1)})
            for i, (c, perms) in enumerate(src_avs, 1)}
    report(bin_classes == want, 'binary-numbering',
           "class or permission numbers differ from the sources")
    if a.header_dump:
        hdr = {}
        for line in open(a.header_dump):
            f = line.split()
            if f[0] == 'class':
                hdr[f[1]] = (int(f[2]), {})
            elif f[0] == 'perm':
                mask = int(f[3], 16)
                hdr[f[1]][1][f[2]] = mask.bit_length()
        sids = [l.split()[1] for l in open(a.header_dump)
                if l.startswith('sid ')]
        report(hdr == bin_classes and sids == src_sids, 'headers-match-binary',
               "generated headers disagree with the binary policy")

    # 3. Rules.
    conf = Conf(a.conf)
    readers = [('conf', lambda *q: conf.allowed(*q), conf.targets_of)]
    if shutil.which('sesearch'):
        readers.append(('sesearch', lambda *q: sesearch_allowed(a.policy, *q),
                        lambda s: sesearch_targets(a.policy, s)))
    else:
        print("flask: sesearch not installed; rules read from policy.conf only")

    report(conf.transition('domU_t', 'dm_dom_t', 'domain') == 'domU_t_target',
           'dm-target-transition',
           "no type_transition domU_t dm_dom_t:domain domU_t_target")
    expect = [
        # (source, target, class, permission, allowed?)
        ('dom0_t', 'domU_t', 'domain2', 'resource_map', True),
        ('dom0_t', 'dm_dom_t', 'domain2', 'resource_map', True),
        ('dom0_t', 'domU_t', 'domain', 'create', True),
        # The device model maps its guest's resources through the target
        # type that set_target gives the guest, and only through it.
        ('dm_dom_t', 'domU_t_target', 'domain2', 'resource_map', True),
        ('dm_dom_t', 'domU_t', 'domain2', 'resource_map', False),
        ('dm_dom_t', 'isolated_t', 'domain2', 'resource_map', False),
        ('domU_t', 'domU_t', 'domain2', 'resource_map', False),
        ('isolated_t', 'domU_t', 'domain2', 'resource_map', False),
        ('isolated_t', 'domU_t_target', 'domain2', 'resource_map', False),
        ('isolated_t', 'dom0_t', 'domain2', 'resource_map', False),
        ('isolated_t', 'dm_dom_t', 'domain2', 'resource_map', False),
    ]
    for how, allowed, targets in readers:
        for s, t, c, p, ok in expect:
            got = allowed(s, t, c, p)
            report(got == ok, f"{how}/{s}-{t}-{c}:{p}-{'allowed' if ok else 'denied'}",
                   f"{'not ' if ok else ''}allowed")
        own = {'isolated_t', 'isolated_t_self', 'isolated_t_channel'}
        extra = targets('isolated_t') - own
        report(not extra, f"{how}/isolated_t-reaches-only-itself",
               f"rules towards {sorted(extra)}")

    # 4. A rule breaking the isolated_t neverallow must not compile.
    with tempfile.TemporaryDirectory() as d:
        bad = os.path.join(d, 'policy.conf')
        text = open(a.conf).read()
        rule = "allow isolated_t domU_t:domain2 resource_map;\n"
        text = text.replace('\nuser system_u', '\n' + rule + 'user system_u', 1)
        open(bad, 'w').write(text)
        r = subprocess.run(['checkpolicy', '-t', 'Xen', '-c', str(a.format),
                            '-o', os.path.join(d, 'out'), bad],
                           capture_output=True, text=True)
        report(r.returncode != 0 and 'neverallow' in (r.stdout + r.stderr),
               'neverallow-isolated', "checkpolicy accepted the bad rule")

    return 1 if FAILED else 0


if __name__ == '__main__':
    sys.exit(main())
