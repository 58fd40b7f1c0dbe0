# SPDX-License-Identifier: GPL-2.0-only
"""Find struct/union definitions, their members and enum constants in
preprocessed C (gcc -E -P output).  Just enough C for the public ABI
headers: no function pointers, no K&R oddities."""

import re

TOKEN = re.compile(r"[A-Za-z_]\w*|0[xX][0-9a-fA-F]+\w*|\d\w*|\.\.\.|\S")


def strip_attributes(text):
    """Remove __attribute__((...)) groups (balanced parentheses)."""
    out, i = [], 0
    while True:
        j = text.find("__attribute__", i)
        if j < 0:
            out.append(text[i:])
            return "".join(out)
        out.append(text[i:j])
        k = text.index("(", j)
        depth = 0
        while True:
            if text[k] == "(":
                depth += 1
            elif text[k] == ")":
                depth -= 1
                if depth == 0:
                    break
            k += 1
        i = k + 1


def tokenize(text):
    return TOKEN.findall(strip_attributes(text))


def _match(tokens, i, open_tok="{", close_tok="}"):
    """Index just past the bracket that closes tokens[i]."""
    depth = 0
    while i < len(tokens):
        if tokens[i] == open_tok:
            depth += 1
        elif tokens[i] == close_tok:
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    raise ValueError("unbalanced " + open_tok)


def _split(tokens, sep):
    """Split at sep tokens that are not nested in brackets."""
    parts, cur, depth = [], [], 0
    for t in tokens:
        if t in "([{":
            depth += 1
        elif t in ")]}":
            depth -= 1
        if t == sep and depth == 0:
            parts.append(cur)
            cur = []
        else:
            cur.append(t)
    if cur:
        parts.append(cur)
    return parts


def _declarator_name(toks):
    """(name, is_bitfield) of a declarator such as 'x[4]', '*p', 'f:3'."""
    bitfield = ":" in toks
    name = None
    for t in toks:
        if t in ("[", ":", "="):
            break
        if re.match(r"[A-Za-z_]\w*$", t):
            name = t
    return name, bitfield


class Parser:
    def __init__(self):
        self.types = {}     # "struct x" / "union x" / typedef name -> members
        self.enums = []     # enumerator names

    def parse(self, text):
        toks = tokenize(text)
        i = 0
        while i < len(toks):
            i = self._toplevel(toks, i)
        return self

    def _toplevel(self, toks, i):
        t = toks[i]
        if t == "enum":
            j = i + 1
            while j < len(toks) and toks[j] not in ("{", ";"):
                j += 1
            if j < len(toks) and toks[j] == "{":
                end = _match(toks, j)
                self._enum(toks[j + 1:end - 1])
                return end
            return j + 1
        if t in ("struct", "union"):
            typedef = i > 0 and toks[i - 1] == "typedef"
            j = i + 1
            tag = None
            if re.match(r"[A-Za-z_]\w*$", toks[j]):
                tag = toks[j]
                j += 1
            if toks[j] != "{":
                return j
            end = _match(toks, j)
            members = self._body(toks[j + 1:end - 1])
            if tag:
                self.types["%s %s" % (t, tag)] = members
            if typedef and not tag and re.match(r"[A-Za-z_]\w*$", toks[end]):
                self.types[toks[end]] = members
            return end
        if t == "{":                        # function bodies, initializers
            return _match(toks, i)
        return i + 1

    def _enum(self, toks):
        for part in _split(toks, ","):
            if part and re.match(r"[A-Za-z_]\w*$", part[0]):
                self.enums.append(part[0])

    def _body(self, toks):
        """Members as a list of (path, is_bitfield)."""
        members = []
        for decl in _split(toks, ";"):
            if not decl:
                continue
            if decl[0] in ("struct", "union") and "{" in decl:
                j = decl.index("{")
                end = _match(decl, j)
                if j == 2:                  # tagged: also a file-scope type
                    self._toplevel(decl, 0)
                inner = self._body(decl[j + 1:end - 1])
                names = [_declarator_name(d)[0]
                         for d in _split(decl[end:], ",")]
                if not names:               # anonymous member
                    members.extend(inner)
                for n in names:
                    members.append((n, False))
                    members.extend((n + "." + p, b) for p, b in inner)
                continue
            for k, d in enumerate(_split(decl, ",")):
                name, bitfield = _declarator_name(d)
                if name:
                    members.append((name, bitfield))
        return members
