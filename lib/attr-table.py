#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""
Where lib/ touches each sysfs attribute: scans lib/ndctl/*.c and lib/daxctl/*.c
for calls of the sysfs access helpers with a literal attribute name and prints
the Markdown table of lib/README.md (between its "attr-table" markers).

    attr-table.py [--check README | --update README] [SRCDIR]

--check: exit 1 when README's table misses an attribute or a file that reads it
(or lists one the source no longer has); function names that moved within a
file are only reported. The unit test `lib-readme-attrs` runs this.
--update: rewrite the table in README in place.
"""
import os
import re
import sys

# helper calls that take an attribute (or link, or subdirectory) name, by kind
KINDS = [
    (re.compile(r"^(sysfs_write\w*|\w+_write)$"), "write"),
    (re.compile(r"^(sysfs_link_\w+)$"), "link"),
    (re.compile(r"^(sysfs_exists)$"), "exists"),
    (re.compile(r"^(sysfs_list|sysfs_join|sysfs_path)$"), "dir"),
    (re.compile(r"^snprintf$"), "name built"),
    (re.compile(r"^(sysfs_read\w*|nd_attr_\w+|\w+_attr|read_\w+_opt|seed_attr)$"), "read"),
]
NAME = re.compile(r'^"([a-z][a-z0-9_%]*(?:/[a-z0-9_%]+)*)"$')
# attribute names listed in a table: static const char *const x[] = { "a", "b" };
TABLE = re.compile(r"static\s+const\s+char\s*\*\s*const\s+(\w+)\s*\[\s*\]\s*=\s*\{([^}]*)\}")


def attr_name(lit):
    """"mapping%d" -> "mappingN"; None for anything that is not an attribute name"""
    m = NAME.match(lit)
    if not m or m.group(1).count("%") > 1:
        return None
    return re.sub(r"%[a-z]+", "N", m.group(1))
FUNC = re.compile(r"^(?!static\s+const)[A-Za-z_][\w\s\*]*?\b(\w+)\s*\([^;]*$")


def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S)
    return re.sub(r"//[^\n]*", "", text)


def functions(text):
    """(name, body) of each top-level function definition"""
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        m = FUNC.match(lines[i])
        if m and not lines[i].startswith((" ", "\t", "#", "}")):
            name = m.group(1)
            j = i
            while j < len(lines) and not lines[j].startswith("{"):
                if lines[j].rstrip().endswith(";"):
                    break
                j += 1
            if j < len(lines) and lines[j].startswith("{"):
                k = j + 1
                while k < len(lines) and not lines[k].startswith("}"):
                    k += 1
                yield name, "\n".join(lines[j:k + 1])
                i = k + 1
                continue
        i += 1


def calls(body):
    """(callee, [top-level argument texts]) for every call in body"""
    for m in re.finditer(r"\b([A-Za-z_]\w*)\s*\(", body):
        depth, args, cur, i = 1, [], "", m.end()
        while i < len(body) and depth:
            c = body[i]
            if c == '"':
                j = i + 1
                while j < len(body) and body[j] != '"':
                    j += 2 if body[j] == "\\" else 1
                cur += body[i:j + 1]
                i = j + 1
                continue
            if c == "(":
                depth += 1
            elif c == ")":
                depth -= 1
                if depth == 0:
                    break
            if c == "," and depth == 1:
                args.append(cur.strip())
                cur = ""
            else:
                cur += c
            i += 1
        args.append(cur.strip())
        yield m.group(1), args


def scan(src):
    table = {}
    for lib in ("ndctl", "daxctl"):
        d = os.path.join(src, lib)
        for f in sorted(os.listdir(d)):
            if not f.endswith(".c"):
                continue
            with open(os.path.join(d, f)) as fh:
                text = strip_comments(fh.read())
            for func, body in functions(text):
                for callee, args in calls(body):
                    kind = next((k for rx, k in KINDS if rx.match(callee)), None)
                    if not kind:
                        continue
                    for a in args:
                        name = attr_name(a)
                        if name:
                            table.setdefault((lib, name), set()).add(
                                "`%s/%s` %s() (%s)" % (lib, f, func, kind))
                for t in TABLE.finditer(body):
                    for lit in re.findall(r'"[^"]*"', t.group(2)):
                        name = attr_name(lit)
                        if name:
                            table.setdefault((lib, name), set()).add(
                                "`%s/%s` %s() (read, table %s)" % (lib, f, func, t.group(1)))
    return table


def render(table):
    out = ["| library | attribute | read (or written) in |", "| --- | --- | --- |"]
    for (lib, attr) in sorted(table):
        out.append("| lib%s | `%s` | %s |" % (lib, attr, "<br>".join(sorted(table[(lib, attr)]))))
    return "\n".join(out) + "\n"


def main():
    args = sys.argv[1:]
    check = update = None
    if args[:1] == ["--check"]:
        check, args = args[1], args[2:]
    elif args[:1] == ["--update"]:
        update, args = args[1], args[2:]
    src = args[0] if args else os.path.dirname(os.path.abspath(__file__))
    table = render(scan(src))
    if update:
        with open(update) as f:
            text = f.read()
        text = re.sub(r"(<!-- attr-table begin -->\n).*?(<!-- attr-table end -->)",
                      lambda m: m.group(1) + table + m.group(2), text, flags=re.S)
        with open(update, "w") as f:
            f.write(text)
        return 0
    if not check:
        sys.stdout.write(table)
        return 0
    with open(check) as f:
        text = f.read()
    m = re.search(r"<!-- attr-table begin -->\n(.*?)<!-- attr-table end -->", text, re.S)
    have = m.group(1) if m else ""
    if have == table:
        print("1..1\nok 1 - lib/README.md attribute table matches the source (%d rows)"
              % (table.count("\n") - 2))
        return 0
    # Strict on which attributes are touched in which files; a function renamed or added
    # within a file already listed is only reported (others edit lib/ all the time).
    def triples(t):
        out = set()
        for line in t.splitlines()[2:]:
            cells = [c.strip() for c in line.strip("|").split("|")]
            if len(cells) == 3:
                for loc in cells[2].split("<br>"):
                    out.add((cells[0], cells[1], loc.split()[0]))
        return out
    missing, extra = triples(table) - triples(have), triples(have) - triples(table)
    if not missing and not extra:
        print("1..1\nok 1 - lib/README.md attribute table lists every attribute and file "
              "(function names differ: run lib/attr-table.py --update lib/README.md)")
        return 0
    print("1..1\nnot ok 1 - lib/README.md attribute table is stale; regenerate with "
          "lib/attr-table.py --update lib/README.md")
    for t in sorted(missing):
        print("# not in README: %s %s in %s" % t)
    for t in sorted(extra):
        print("# README lists, source no longer has: %s %s in %s" % t)
    return 1


if __name__ == "__main__":
    sys.exit(main())
