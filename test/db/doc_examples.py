"""Run the SQL examples of README.md and doc/*.md and compare their output.

The convention (doc/developing.md, "Examples in the documentation"): in a
```sql block, the output a statement gives is written under it, or after
its semicolon on the same line, as comment lines that start with "-- →",
one line per row, fields as psql -A -F ' | ' prints them (NULL is empty):

    SELECT soc_parent('15-1252'), soc_level('15-1252');   -- → 15-1250 | detailed
    SELECT code FROM soc2018_code WHERE code <@ '15-1250' ORDER BY code;
    -- → 15-1250
    -- → 15-1251
    -- → …                     (a last "…" row: only the first rows are shown)
    SELECT 'P100'::rolelevel;
    -- → ERROR:  invalid input syntax for type rolelevel: "P100"
    -- → DETAIL:  A level's rank is a number from 0 to 99.

A block with at least one such line runs whole, statement by statement, in
psql (so \\i and other backslash commands work), in a database of its own:
an empty one when the block creates the extension (the tour and the
walk-through run as written), else a copy of one with the extension, the
sample taxonomy (sample/load.sql) and the HRIS sample (sample/hris.sql)
and search_path = roleext, public.  A block without any shows no output
and does not run.  Old-style output comments ("--  15-1250 | ...") are
refused, so no output goes unchecked.

python3 doc_examples.py PSQL CREATEDB DROPDB FILE...      check
python3 doc_examples.py --update PSQL CREATEDB DROPDB FILE...  write the real outputs back
"""
import os
import re
import subprocess
import sys

ARROW = "-- →"
MORE = "…"


class Stmt:
    def __init__(self, text, first_line):
        self.text = text            # the statement as written
        self.line = first_line      # 0-based line of the document where it ends
        self.expected = []          # expected output rows
        self.inline = False         # the first expected row sits after the semicolon
        self.out_lines = []         # 0-based document lines of the "-- →" rows below it


def row_of(text):
    """An output row as written after "-- →": one space, then the row (psql's
    plan lines keep their indentation)."""
    return (text[1:] if text.startswith(" ") else text).rstrip()


def split_block(lines, offset):
    """Statements of a ```sql block (lines without the fences)."""
    stmts, buf, start = [], [], None
    quote = None          # "'" , '"', or a dollar tag
    block_comment = 0
    last = None
    for n, line in enumerate(lines):
        ln = offset + n
        s = line.strip()
        if not buf and quote is None and not block_comment:
            if s.startswith(ARROW):
                if last is None:
                    raise SystemExit(f"line {ln + 1}: output with no statement above it")
                last.expected.append(row_of(line.strip()[len(ARROW):]))
                last.out_lines.append(ln)
                continue
            if s.startswith("\\"):
                last = Stmt(s, ln)
                stmts.append(last)
                continue
            if s == "" or s.startswith("--"):
                if re.match(r"^--\s{2,}\S", s):
                    raise SystemExit(f"line {ln + 1}: output written the old way (use '{ARROW}'): {s}")
                continue
        i = 0
        while i < len(line):
            c = line[i]
            if block_comment:
                if line.startswith("*/", i):
                    block_comment -= 1
                    i += 2
                    continue
                if line.startswith("/*", i):
                    block_comment += 1
                    i += 2
                    continue
                i += 1
                continue
            if quote is not None:
                if quote in ("'", '"'):
                    if c == quote:
                        if line.startswith(quote * 2, i):
                            i += 2
                            continue
                        quote = None
                elif line.startswith(quote, i):
                    i += len(quote)
                    quote = None
                    continue
                i += 1
                continue
            if line.startswith("--", i):
                rest = line[i:].strip()
                if rest.startswith(ARROW):
                    raise SystemExit(f"line {ln + 1}: '{ARROW}' inside a statement")
                break
            if line.startswith("/*", i):
                block_comment = 1
                i += 2
                continue
            if c in ("'", '"'):
                quote = c
            elif c == "$":
                m = re.match(r"\$[A-Za-z_]*\$", line[i:])
                if m:
                    quote = m.group(0)
                    i += len(quote)
                    continue
            elif c == ";":
                if start is None:
                    start = ln
                buf.append(line[:i + 1])
                last = Stmt("\n".join(buf), ln)
                stmts.append(last)
                buf, start = [], None
                tail = line[i + 1:].strip()
                if tail.startswith(ARROW):
                    last.expected.append(row_of(tail[len(ARROW):]))
                    last.inline = True
                elif tail and not tail.startswith("--"):
                    raise SystemExit(f"line {ln + 1}: two statements on one line")
                line = ""
                break
            i += 1
        if line:
            if start is None:
                start = ln
            buf.append(line)
    if buf and any(b.strip() and not b.strip().startswith("--") for b in buf) and any(x.expected for x in stmts):
        raise SystemExit(f"line {offset + len(lines)}: a statement without its semicolon at the end of a block")
    return stmts


def blocks_of(path):
    """[(first line, [Stmt])] of the ```sql blocks of a document."""
    lines = open(path, encoding="utf-8").read().split("\n")
    out, i = [], 0
    while i < len(lines):
        m = re.match(r"^\s*```sql\b", lines[i])
        if m:
            j = i + 1
            while not lines[j].strip().startswith("```"):
                j += 1
            out.append((i + 1, split_block(lines[i + 1:j], i + 1)))
            i = j
        i += 1
    return lines, out


def clean(output):
    """psql's output of one statement, as the documents write it."""
    rows = []
    for r in output:
        r = re.sub(r"^psql:[^:]*:\d+: ", "", r)
        if r.startswith(("LINE ", "CONTEXT:  ", "QUERY:  ")) or re.match(r"^\s*\^\s*$", r):
            continue
        if r.startswith(("SQL statement", "PL/pgSQL function", "SQL function")):
            continue   # CONTEXT continuation lines
        rows.append(r.rstrip())
    return rows


def run_block(psql, db, stmts, setup):
    script = [setup] if setup else []
    for k, s in enumerate(stmts):
        script.append(f"\\echo @@{k}")
        script.append(s.text)
        script.append("\\set ON_ERROR_STOP 0")   # a script \i'd by the block may have set it
    p = subprocess.run(psql + ["-d", db, "-f", "-"], input="\n".join(script) + "\n",
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    out = p.stdout
    res, cur = {}, None
    for r in out.split("\n"):
        m = re.match(r"^@@(\d+)$", r)
        if m:
            cur = int(m.group(1))
            res[cur] = []
        elif cur is not None:
            res[cur].append(r)
    return {k: clean(v[:-1] if v and v[-1] == "" else v) for k, v in res.items()}


def matches(expected, actual):
    if expected and expected[-1] == MORE:
        shown = expected[:-1]
        return len(actual) > len(shown) and actual[:len(shown)] == shown
    return expected == actual


def main():
    args = sys.argv[1:]
    update = args[0] == "--update"
    if update:
        args = args[1:]
    psql_bin, createdb, dropdb = args[:3]
    files = args[3:]
    psql = [psql_bin, "-X", "-q", "-A", "-t", "-F", " | ", "-v", "ON_ERROR_STOP=0", "-P", "null="]
    template = "roleext_doc_template"
    subprocess.run([dropdb, "--if-exists", template], check=True, capture_output=True)
    subprocess.run([createdb, template], check=True)
    for f in ("CREATE EXTENSION roleext CASCADE", "\\i sample/load.sql", "\\i sample/hris.sql"):
        p = subprocess.run(psql + ["-v", "ON_ERROR_STOP=1", "-d", template, "-c", f] if not f.startswith("\\")
                           else psql + ["-v", "ON_ERROR_STOP=1", "-d", template, "-f", f[3:]],
                           capture_output=True, text=True)
        if p.returncode:
            raise SystemExit(f"setting up the template database: {f}: {p.stderr}")
    checked = failed = blocks_run = 0
    before_roles = set(subprocess.run(psql + ["-d", template, "-c", "SELECT rolname FROM pg_roles"],
                                      capture_output=True, text=True).stdout.split())
    try:
        for path in files:
            try:
                lines, blocks = blocks_of(path)
            except SystemExit as e:
                raise SystemExit(f"{path}:{e}")
            edits = {}
            for n, (first, stmts) in enumerate(blocks):
                if not any(s.expected for s in stmts):
                    continue
                blocks_run += 1
                db = f"roleext_doc_{n}"
                fresh = any(re.search(r"CREATE\s+EXTENSION\s+roleext", s.text, re.I) for s in stmts)
                subprocess.run([dropdb, "--if-exists", db], check=True, capture_output=True)
                subprocess.run([createdb] + ([] if fresh else ["-T", template]) + [db], check=True)
                try:
                    res = run_block(psql, db, stmts, None if fresh else "SET search_path = roleext, public;")
                finally:
                    subprocess.run([dropdb, "--if-exists", db], capture_output=True)
                for k, s in enumerate(stmts):
                    if not s.expected:
                        continue
                    checked += 1
                    actual = res.get(k, ["(no output: the block stopped before this statement)"])
                    if matches(s.expected, actual):
                        continue
                    if update:
                        edits[k, first] = (s, actual)
                        continue
                    failed += 1
                    print(f"{path}:{s.line + 1}: {s.text.splitlines()[0][:70]}")
                    for e in s.expected:
                        print(f"    doc:    {e}")
                    for a in actual[:len(s.expected) + 3]:
                        print(f"    actual: {a}")
            if update and edits:
                write_back(path, lines, edits)
    finally:
        subprocess.run([dropdb, "--if-exists", template], capture_output=True)
        after = set(subprocess.run(psql + ["-d", "postgres", "-c", "SELECT rolname FROM pg_roles"],
                                   capture_output=True, text=True).stdout.split())
        for r in sorted(after - before_roles):   # roles the walk-through created
            subprocess.run(psql + ["-d", "postgres", "-c", f'DROP ROLE IF EXISTS "{r}"'], capture_output=True)
    print(f"report: {checked} documented examples with output checked against psql in {blocks_run} blocks "
          f"of {len(files)} documents; {failed} differ")
    sys.exit(1 if failed else 0)


def write_back(path, lines, edits):
    """Put the real outputs in place of the documented ones."""
    repl = {}     # line index -> list of replacement lines (None: delete)
    for (k, first), (s, actual) in edits.items():
        keep_more = s.expected and s.expected[-1] == MORE
        rows = actual[:max(len(s.expected) - 1, 1)] + [MORE] if keep_more else actual
        indent = ""
        if s.inline and len(rows) == 1 and not s.out_lines:
            code = lines[s.line].split(ARROW)[0].rstrip()
            width = len(lines[s.line].split(ARROW)[0])
            repl[s.line] = [code.ljust(width - 1) + " " + ARROW + " " + rows[0]]
            continue
        if s.inline:
            repl[s.line] = [lines[s.line].split(ARROW)[0].rstrip()]
        new = [f"{indent}{ARROW} {r}".rstrip() for r in rows]
        if s.out_lines:
            repl[s.out_lines[0]] = new
            for ln in s.out_lines[1:]:
                repl[ln] = None
        else:
            repl[s.line] = repl.get(s.line, [lines[s.line]]) + new
    out = []
    for i, l in enumerate(lines):
        if i in repl:
            if repl[i] is not None:
                out.extend(repl[i])
        else:
            out.append(l)
    open(path, "w", encoding="utf-8").write("\n".join(out))


if __name__ == "__main__":
    main()
