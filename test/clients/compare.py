"""Run the BI suite in psql (the reference) and compare each client with it.

python3 compare.py PSQL DBNAME USER CLIENT=OUT.jsonl ...

For every query of suite.py: the client's columns and rows equal psql's
(values compared as text, numbers by value, timestamps without their
offset: every session runs in UTC), or the same SQLSTATE and message (and
detail, where the driver reports one) when psql raises.  For every view:
the client sees the same columns as the catalog, of standard types only,
each with the catalog's comment as its REMARKS (JDBC, ODBC).  The session
is the reader's, with the default search_path.  Prints one line per client
and exits 1 on the first client that differs anywhere.
"""
import decimal
import json
import re
import subprocess
import sys

from suite import VIEWS, inline, queries

FS, RS, NULL = "\x1f", "\x1e", "\x1dNULL\x1d"
DEFAULT_PATH = '"$user", public'
STANDARD_TYPES = {"text", "varchar", "numeric", "int2", "int4", "int8", "float4", "float8", "bool",
                  "timestamptz", "timestamp", "date"}
JDBC_STANDARD = {"VARCHAR", "NUMERIC", "DECIMAL", "SMALLINT", "INTEGER", "BIGINT", "REAL", "DOUBLE", "FLOAT",
                 "BIT", "BOOLEAN", "TIMESTAMP", "TIMESTAMP_WITH_TIMEZONE", "DATE", "LONGVARCHAR", "CHAR"}
# ODBC SQL types (sql.h / sqlext.h): varchar, longvarchar, wvarchar, wlongvarchar,
# numeric, decimal, integer, smallint, bigint, real, float, double, bit,
# type_timestamp, type_date
ODBC_STANDARD = {12, -1, -9, -10, 2, 3, 4, 5, -5, 7, 6, 8, -7, 93, 91, 11, 9}


def psql(args, sql):
    p = subprocess.run(args + ["-c", sql], capture_output=True, text=True)
    if p.returncode == 0:
        recs = p.stdout.split(RS)
        if recs and recs[-1].endswith("\n"):
            recs[-1] = recs[-1][:-1]
        recs = [r for r in recs if r != ""] if recs != [""] else []
        cols = recs[0].split(FS)
        rows = [[None if v == NULL else v for v in r.split(FS)] for r in recs[1:]]
        return {"columns": cols, "rows": rows}
    m = re.search(r"^ERROR:\s+([0-9A-Z]{5}): (.*)$", p.stderr, re.M)
    d = re.search(r"^DETAIL:\s+(.*)$", p.stderr, re.M)
    if not m:
        raise SystemExit("psql failed without an error report: " + p.stderr)
    return {"error": {"sqlstate": m.group(1), "message": m.group(2), "detail": d.group(1) if d else None}}


TS = re.compile(r"^(\d{4}-\d\d-\d\d)[ T](\d\d:\d\d:\d\d)(\.\d+)?([+-]\d\d(:?\d\d)?)?$")


def same(a, b):
    if a == b:
        return True
    if a is None or b is None:
        return False
    ma, mb = TS.match(a), TS.match(b)
    if ma and mb:
        fa, fb = (ma.group(3) or ".").rstrip("0").rstrip("."), (mb.group(3) or ".").rstrip("0").rstrip(".")
        return ma.group(1, 2) == mb.group(1, 2) and fa == fb
    try:
        return decimal.Decimal(a) == decimal.Decimal(b)
    except decimal.InvalidOperation:
        return False


def compare(name, ref, got):
    """A list of differences between psql's result and a client's."""
    if "error" in ref:
        if "error" not in got:
            return [f"psql raises {ref['error']}, {name} returns {len(got['rows'])} rows"]
        e, g = ref["error"], got["error"]
        diffs = []
        if (e["sqlstate"], e["message"]) != (g["sqlstate"], g["message"]):
            diffs.append(f"psql: {e['sqlstate']} {e['message']!r}; {name}: {g['sqlstate']} {g['message']!r}")
        if g.get("detail") is not None and g["detail"] != e["detail"]:
            diffs.append(f"detail: psql {e['detail']!r}; {name} {g['detail']!r}")
        return diffs
    if "error" in got:
        return [f"psql returns rows, {name} raises {got['error']}"]
    if ref["columns"] != got["columns"]:
        return [f"columns: psql {ref['columns']}, {name} {got['columns']}"]
    if len(ref["rows"]) != len(got["rows"]):
        return [f"psql returns {len(ref['rows'])} rows, {name} {len(got['rows'])}"]
    for i, (r, g) in enumerate(zip(ref["rows"], got["rows"])):
        for c, a, b in zip(ref["columns"], r, g):
            if not same(a, b):
                return [f"row {i + 1}, column {c}: psql {a!r}, {name} {b!r}"]
    return []


def main():
    psql_bin, db, user = sys.argv[1:4]
    clients = dict(a.split("=", 1) for a in sys.argv[4:])
    args = [psql_bin, "-X", "-A", "-F", FS, "-R", RS, "-P", "footer=off", "-P", "null=" + NULL,
            "-v", "VERBOSITY=verbose", "-d", db, "-U", user]
    suite = queries()
    ref = {qid: psql(args, inline(sql, params)) for qid, kind, params, sql in suite}
    bad = [qid for qid in ref if qid.startswith("error.") and "error" not in ref[qid]]
    if bad:
        raise SystemExit(f"psql did not raise for {bad}")
    # the catalog: columns and comments of each view
    cat = {}
    for v in VIEWS:
        r = psql(args, f"SELECT a.attname, t.typname, col_description(a.attrelid, a.attnum) FROM pg_attribute a "
                       f"JOIN pg_type t ON t.oid = a.atttypid WHERE a.attrelid = 'roleext.{v}'::regclass "
                       f"AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum")
        cat[v] = r["rows"]
    failed = False
    for name, path in clients.items():
        got = {}
        with open(path, encoding="utf-8") as f:
            for line in f:
                rec = json.loads(line)
                got[rec["id"]] = rec
        diffs = []
        s = got.get("session", {})
        if s.get("search_path") != DEFAULT_PATH or s.get("user") != user:
            diffs.append(f"session: {s}")
        equal = 0
        for qid, kind, params, sql in suite:
            if qid not in got:
                diffs.append(f"{qid}: no result")
                continue
            d = compare(name, ref[qid], got[qid])
            if d:
                diffs.append(f"{qid}: {d[0]}   [{inline(sql, params)}]")
            else:
                equal += 1
            # numbers arrive as numbers: confidence as a decimal type
            rec = got[qid]
            for c, types in zip(rec.get("columns", []), rec.get("types", [])):
                if c == "confidence" and types and set(types) - {"Decimal", "BigDecimal"}:
                    diffs.append(f"{qid}: confidence arrives as {types}")
        cols = 0
        for v in VIEWS:
            meta = got.get("meta." + v, {}).get("columns", [])
            if [m["name"] for m in meta] != [c[0] for c in cat[v]]:
                diffs.append(f"meta.{v}: columns {[m['name'] for m in meta]}")
                continue
            for m, (cname, typname, comment) in zip(meta, cat[v]):
                cols += 1
                std = m["type"] in STANDARD_TYPES
                if name == "jdbc":
                    std = std and m["sql_type"] in JDBC_STANDARD
                elif name == "odbc":
                    std = m["sql_type"] in ODBC_STANDARD
                if not std:
                    diffs.append(f"meta.{v}.{cname}: type {m}")
                # psqlODBC never fills SQLColumns' REMARKS (info.c writes an empty
                # string): its readers see the comments through the catalog only
                if name == "odbc" and m.get("remarks") == "":
                    continue
                if "remarks" in m and (m["remarks"] is None or m["remarks"] != comment):
                    diffs.append(f"meta.{v}.{cname}: REMARKS {m['remarks']!r}, catalog {comment!r}")
        if diffs:
            failed = True
            print(f"{name}: {len(diffs)} differences from psql; the first ones:")
            for d in diffs[:15]:
                print("   ", d)
        else:
            metas = [m for v in VIEWS for m in got["meta." + v]["columns"]]
            remarks = (" with REMARKS = the column comments" if all(m.get("remarks") for m in metas)
                       else " (REMARKS: the driver reports none)" if name == "odbc" else "")
            print(f"{name} ({s.get('driver', 'psycopg')}): {equal} of {len(suite)} queries equal to psql's; "
                  f"{len(VIEWS)} views, {cols} columns of standard types{remarks}; search_path {s['search_path']}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
