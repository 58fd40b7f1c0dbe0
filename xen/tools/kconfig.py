#!/usr/bin/env python3
"""Kconfig-style configuration of the hypervisor (xen/Kconfig, xen/.config).

    kconfig.py KCONFIG defconfig CONFIG [--fragment FILE]... [--set SYM=VAL]...
    kconfig.py KCONFIG olddefconfig CONFIG [--set SYM=VAL]...
    kconfig.py KCONFIG savedefconfig CONFIG OUT
    kconfig.py KCONFIG sync CONFIG --header H --make M --record R [--set ...]

defconfig writes CONFIG from the defaults, then the fragments (lines as in
a .config), then --set.  olddefconfig reads CONFIG, keeps every valid value
of a known option, gives new options their defaults, drops the rest (with
a warning) and rewrites CONFIG if that changed it.  savedefconfig writes
the values that differ from the defaults.  sync is what the build runs:
olddefconfig, then the C header (#define CONFIG_X ...), the make include
(CONFIG_X=...) and the record of the configuration (a copy of CONFIG), each
rewritten only when its contents change, so nothing is rebuilt needlessly.

--set SYM=VAL (SYM with or without CONFIG_) is a value that wins over
CONFIG: ./configure's --enable-xsm/--disable-xsm arrive this way.

Only a subset of the Kconfig language is read: mainmenu, menu/endmenu,
comment, config with bool/int/string (and a prompt), default VALUE
[if EXPR], depends on EXPR, range MIN MAX, help; EXPR is symbols, y, n,
!, &&, || and parentheses.  Written for this tree.
"""
import os
import re
import sys

PREFIX = 'CONFIG_'


class KconfigError(Exception):
    pass


class Symbol:
    def __init__(self, name, where):
        self.name = name
        self.where = where
        self.type = None
        self.prompt = None
        self.defaults = []      # (value text, condition expr or None)
        self.depends = []       # exprs, all must hold
        self.range = None
        self.help = ''
        self.menu = None
        self.value = None       # evaluated: 'y'/'n', int, str, or None (invisible)


# --- expressions ---------------------------------------------------------

TOKEN = re.compile(r'\s*(\|\||&&|!|\(|\)|[A-Za-z0-9_]+)')


def parse_expr(text, where):
    toks = []
    pos = 0
    text = text.strip()
    while pos < len(text):
        m = TOKEN.match(text, pos)
        if not m:
            raise KconfigError(f"{where}: cannot read expression {text!r}")
        toks.append(m.group(1))
        pos = m.end()
    toks.append(None)
    i = 0

    def peek():
        return toks[i]

    def take():
        nonlocal i
        i += 1
        return toks[i - 1]

    def orx():
        e = andx()
        while peek() == '||':
            take()
            e = ('or', e, andx())
        return e

    def andx():
        e = notx()
        while peek() == '&&':
            take()
            e = ('and', e, notx())
        return e

    def notx():
        if peek() == '!':
            take()
            return ('not', notx())
        if peek() == '(':
            take()
            e = orx()
            if take() != ')':
                raise KconfigError(f"{where}: ')' expected in {text!r}")
            return e
        t = take()
        if t is None or not re.match(r'^[A-Za-z0-9_]+$', t):
            raise KconfigError(f"{where}: symbol expected in {text!r}")
        return ('sym', t)

    e = orx()
    if peek() is not None:
        raise KconfigError(f"{where}: unexpected {peek()!r} in {text!r}")
    return e


def eval_expr(e, syms):
    kind = e[0]
    if kind == 'sym':
        if e[1] in ('y', 'n'):
            return e[1] == 'y'
        s = syms.get(e[1])
        if s is None:
            raise KconfigError(f"unknown symbol {e[1]} in an expression")
        return s.value == 'y'
    if kind == 'not':
        return not eval_expr(e[1], syms)
    if kind == 'and':
        return eval_expr(e[1], syms) and eval_expr(e[2], syms)
    return eval_expr(e[1], syms) or eval_expr(e[2], syms)


# --- the Kconfig file ----------------------------------------------------

def unquote(text, where):
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] == '"':
        return text[1:-1].replace('\\"', '"').replace('\\\\', '\\')
    raise KconfigError(f"{where}: a quoted string expected, not {text!r}")


def parse_kconfig(path):
    syms = {}
    order = []
    title = None
    menus = []
    cur = None
    in_help = None          # indentation of the help text, once known
    help_lines = []
    with open(path) as f:
        lines = f.read().split('\n')

    def end_help():
        nonlocal in_help, help_lines
        if cur is not None and help_lines:
            while help_lines and not help_lines[-1].strip():
                help_lines.pop()
            cur.help = '\n'.join(help_lines)
        in_help, help_lines = None, []

    for n, raw in enumerate(lines, 1):
        where = f"{path}:{n}"
        line = raw.expandtabs(8)
        if in_help is not None:
            indent = len(line) - len(line.lstrip())
            if not line.strip():
                help_lines.append('')
                continue
            if in_help == 0:
                in_help = indent
            if indent >= in_help and indent > 0:
                help_lines.append(line[in_help:])
                continue
            end_help()
        s = line.strip()
        if not s or s.startswith('#'):
            continue
        word, _, rest = s.partition(' ')
        rest = rest.strip()
        if word == 'mainmenu':
            title = unquote(rest, where)
        elif word == 'menu':
            menus.append(unquote(rest, where))
            cur = None
        elif word == 'endmenu':
            if not menus:
                raise KconfigError(f"{where}: endmenu without menu")
            menus.pop()
            cur = None
        elif word == 'comment':
            cur = None
        elif word == 'config':
            if not re.match(r'^[A-Z0-9_]+$', rest):
                raise KconfigError(f"{where}: bad symbol name {rest!r}")
            if rest in syms:
                raise KconfigError(f"{where}: {rest} defined twice")
            cur = Symbol(rest, where)
            cur.menu = menus[-1] if menus else None
            syms[rest] = cur
            order.append(cur)
        elif cur is None:
            raise KconfigError(f"{where}: {word!r} outside a config entry")
        elif word in ('bool', 'int', 'string'):
            cur.type = word
            if rest:
                cur.prompt = unquote(rest, where)
        elif word == 'prompt':
            cur.prompt = unquote(rest, where)
        elif word == 'default':
            val, cond = rest, None
            m = re.match(r'^(".*?"|\S+)\s+if\s+(.*)$', rest)
            if m:
                val, cond = m.group(1), parse_expr(m.group(2), where)
            cur.defaults.append((val, cond, where))
        elif s.startswith('depends on '):
            cur.depends.append(parse_expr(s[len('depends on '):], where))
        elif word == 'range':
            parts = rest.split()
            if len(parts) != 2:
                raise KconfigError(f"{where}: range MIN MAX")
            cur.range = (int(parts[0], 0), int(parts[1], 0))
        elif word in ('help', '---help---'):
            in_help, help_lines = 0, []
        else:
            raise KconfigError(f"{where}: {word!r} is not understood here")
    end_help()
    if menus:
        raise KconfigError(f"{path}: menu {menus[-1]!r} has no endmenu")
    for sym in order:
        if sym.type is None:
            raise KconfigError(f"{sym.where}: {sym.name} has no type")
        for val, _, where in sym.defaults:
            if check_value(sym, val) is None:
                raise KconfigError(f"{where}: default {val!r} is not a valid "
                                   f"{sym.type} for {sym.name}")
    # Expressions may only name symbols defined earlier (one pass).
    seen = set()
    for sym in order:
        exprs = list(sym.depends) + [c for _, c, _ in sym.defaults if c]
        for e in exprs:
            for name in expr_symbols(e):
                if name not in seen and name not in ('y', 'n'):
                    raise KconfigError(f"{sym.where}: {sym.name} refers to "
                                       f"{name}, which is not defined before it")
        seen.add(sym.name)
    return title, order, syms


def expr_symbols(e):
    if e[0] == 'sym':
        return [e[1]]
    return [n for sub in e[1:] for n in expr_symbols(sub)]


def check_value(sym, text):
    """The value text means for sym, or None if it is not valid."""
    text = text.strip()
    if sym.type == 'bool':
        return text if text in ('y', 'n') else None
    if sym.type == 'int':
        try:
            v = int(text, 0)
        except ValueError:
            return None
        if sym.range and not sym.range[0] <= v <= sym.range[1]:
            return None
        return v
    if len(text) >= 2 and text[0] == text[-1] == '"':
        return text[1:-1].replace('\\"', '"').replace('\\\\', '\\')
    return None


# --- values --------------------------------------------------------------

def read_config(path, syms, warn, strict=False):
    """SYM -> value text from a .config or fragment."""
    vals = {}
    if not path or not os.path.exists(path):
        return vals
    with open(path) as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            m = re.match(r'^# (CONFIG_[A-Za-z0-9_]+) is not set$', line)
            if m:
                name, val = m.group(1), 'n'
            elif not line or line.startswith('#'):
                continue
            else:
                m = re.match(r'^(CONFIG_[A-Za-z0-9_]+)=(.*)$', line)
                if not m:
                    msg = f"{path}:{n}: not a configuration line: {line!r}"
                    if strict:
                        raise KconfigError(msg)
                    warn(msg + " (ignored)")
                    continue
                name, val = m.group(1), m.group(2)
            name = name[len(PREFIX):]
            if name not in syms:
                msg = f"{path}:{n}: unknown option {PREFIX}{name}"
                if strict:
                    raise KconfigError(msg)
                warn(msg + " (dropped)")
                continue
            vals[name] = (val, f"{path}:{n}")
    return vals


def parse_sets(sets, syms):
    vals = {}
    for s in sets:
        name, eq, val = s.partition('=')
        if name.startswith(PREFIX):
            name = name[len(PREFIX):]
        if not eq or name not in syms:
            raise KconfigError(f"--set {s}: unknown option")
        if syms[name].type == 'string' and not val.startswith('"'):
            val = '"' + val.replace('\\', '\\\\').replace('"', '\\"') + '"'
        if check_value(syms[name], val) is None:
            raise KconfigError(f"--set {s}: not a valid value")
        vals[name] = (val, '--set')
    return vals


def evaluate(order, syms, user, warn):
    """Give every symbol its value: the user's, if it is visible and
    valid, else its first default whose condition holds."""
    for sym in order:
        visible = all(eval_expr(e, syms) for e in sym.depends)
        if not visible:
            sym.value = 'n' if sym.type == 'bool' else None
            if sym.name in user and user[sym.name][0].strip() not in ('n', ''):
                val, where = user[sym.name]
                if sym.type == 'bool' and val.strip() == 'y':
                    warn(f"{where}: {PREFIX}{sym.name}=y needs "
                         f"{deps_text(sym)}: set to n")
            continue
        if sym.name in user:
            val, where = user[sym.name]
            v = check_value(sym, val)
            if v is not None:
                sym.value = v
                continue
            warn(f"{where}: {PREFIX}{sym.name}={val} is not a valid "
                 f"{sym.type}{range_text(sym)}: default used")
        sym.value = default_of(sym, syms)


def default_of(sym, syms):
    for val, cond, _ in sym.defaults:
        if cond is None or eval_expr(cond, syms):
            return check_value(sym, val)
    return {'bool': 'n', 'int': 0, 'string': ''}[sym.type]


def deps_text(sym):
    def show(e):
        if e[0] == 'sym':
            return PREFIX + e[1] if e[1] not in ('y', 'n') else e[1]
        if e[0] == 'not':
            return '!' + show(e[1])
        return '(' + show(e[1]) + (' && ' if e[0] == 'and' else ' || ') + show(e[2]) + ')'
    return ' && '.join(show(e) for e in sym.depends)


def range_text(sym):
    return f" in {sym.range[0]}..{sym.range[1]}" if sym.range else ''


def quote(s):
    return '"' + s.replace('\\', '\\\\').replace('"', '\\"') + '"'


def config_text(title, order):
    out = ['#', '# Automatically generated file; DO NOT EDIT.',
           f'# {title}' if title else '# Configuration', '#']
    menu = None
    for sym in order:
        if sym.menu != menu:
            menu = sym.menu
            if menu:
                out += ['', '#', f'# {menu}', '#']
        if sym.value is None:
            continue
        if sym.type == 'bool':
            out.append(f'{PREFIX}{sym.name}=y' if sym.value == 'y'
                       else f'# {PREFIX}{sym.name} is not set')
        elif sym.type == 'int':
            out.append(f'{PREFIX}{sym.name}={sym.value}')
        else:
            out.append(f'{PREFIX}{sym.name}={quote(sym.value)}')
    return '\n'.join(out) + '\n'


def header_text(order):
    out = ['/* Generated from xen/.config by xen/tools/kconfig.py: do not edit. */',
           '#ifndef XEN_GENERATED_AUTOCONF_H', '#define XEN_GENERATED_AUTOCONF_H']
    for sym in order:
        if sym.value is None or sym.value == 'n':
            continue
        if sym.type == 'bool':
            out.append(f'#define {PREFIX}{sym.name} 1')
        elif sym.type == 'int':
            out.append(f'#define {PREFIX}{sym.name} {sym.value}')
        else:
            out.append(f'#define {PREFIX}{sym.name} {quote(sym.value)}')
    out.append('#endif')
    return '\n'.join(out) + '\n'


def make_text(order):
    out = ['# Generated from xen/.config by xen/tools/kconfig.py: do not edit.']
    for sym in order:
        if sym.value is None or sym.value == 'n':
            continue
        v = quote(sym.value) if sym.type == 'string' else sym.value
        out.append(f'{PREFIX}{sym.name} := {v}')
    return '\n'.join(out) + '\n'


def write_if_changed(path, text):
    try:
        with open(path) as f:
            if f.read() == text:
                return False
    except OSError:
        pass
    d = os.path.dirname(path)
    if d:
        os.makedirs(d, exist_ok=True)
    tmp = path + '.tmp'
    with open(tmp, 'w') as f:
        f.write(text)
    os.replace(tmp, path)
    return True


def main(argv):
    import argparse
    p = argparse.ArgumentParser(prog='kconfig.py', description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('kconfig')
    p.add_argument('command', choices=['defconfig', 'olddefconfig',
                                       'savedefconfig', 'sync'])
    p.add_argument('config')
    p.add_argument('out', nargs='?')
    p.add_argument('--fragment', action='append', default=[])
    p.add_argument('--set', action='append', default=[], dest='sets')
    p.add_argument('--header')
    p.add_argument('--make')
    p.add_argument('--record')
    a = p.parse_args(argv)
    warnings = []

    def warn(msg):
        warnings.append(msg)
        print(f"kconfig: {msg}", file=sys.stderr)

    try:
        title, order, syms = parse_kconfig(a.kconfig)
        sets = parse_sets(a.sets, syms)
        name = a.config
        if a.command == 'defconfig':
            user = {}
            for frag in a.fragment:
                if not os.path.exists(frag):
                    raise KconfigError(f"no such fragment: {frag}")
                user.update(read_config(frag, syms, warn, strict=True))
            user.update(sets)
            evaluate(order, syms, user, warn)
            write_if_changed(name, config_text(title, order))
            extra = ''.join(f" + {f}" for f in a.fragment)
            print(f"kconfig: wrote {name} (defaults{extra})")
            return 0
        if not os.path.exists(name):
            raise KconfigError(f"{name} does not exist (make -C xen defconfig)")
        user = read_config(name, syms, warn)
        before = {k: v[0] for k, v in user.items()}
        user.update(sets)
        evaluate(order, syms, user, warn)
        if a.command == 'savedefconfig':
            if not a.out:
                raise KconfigError("savedefconfig CONFIG OUT")
            keep = [s for s in order
                    if all(eval_expr(e, syms) for e in s.depends)
                    and s.value != default_of(s, syms)]
            lines = []
            for s in keep:
                if s.type == 'bool':
                    lines.append(f'{PREFIX}{s.name}=y' if s.value == 'y'
                                 else f'# {PREFIX}{s.name} is not set')
                elif s.type == 'int':
                    lines.append(f'{PREFIX}{s.name}={s.value}')
                else:
                    lines.append(f'{PREFIX}{s.name}={quote(s.value)}')
            write_if_changed(a.out, ''.join(l + '\n' for l in lines))
            print(f"kconfig: wrote {a.out} ({len(lines)} non-default values)")
            return 0
        text = config_text(title, order)
        if write_if_changed(name, text):
            changed = []
            for s in order:
                old = before.get(s.name)
                new = None if s.value is None else str(s.value)
                if s.type == 'string' and new is not None:
                    new = quote(new)
                if old != new and not (old is None and s.value in ('n', None)):
                    changed.append(f"{PREFIX}{s.name}={new if new is not None else '(unset)'}")
            why = ', '.join(changed) if changed else 'layout only'
            print(f"kconfig: updated {name}: {why}")
        if a.command == 'sync':
            if not (a.header and a.make and a.record):
                raise KconfigError("sync needs --header, --make and --record")
            write_if_changed(a.header, header_text(order))
            write_if_changed(a.make, make_text(order))
            write_if_changed(a.record, text)
        return 0
    except (KconfigError, OSError) as e:
        print(f"kconfig: error: {e}", file=sys.stderr)
        return 1


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
