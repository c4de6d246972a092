"""The BI suite through psycopg 3 (python3-psycopg), as a BI reader.

python3 psycopg_client.py CONNINFO OUT.jsonl: one JSON line per query
(columns, rows as PostgreSQL text, the Python type of each column's
values) or its error (SQLSTATE, message, detail), then one line of
metadata per view (column names and types).  Parameters are psycopg
parameters (%s), sent by the server-side binding of psycopg 3.
"""
import decimal
import json
import sys

import psycopg

from suite import VIEWS, pg_text, py_type, queries


def param(p):
    t, v = p.split(":", 1)
    return {"s": str, "d": decimal.Decimal, "i": int}[t](v)


def main():
    conninfo, out_path = sys.argv[1], sys.argv[2]
    with psycopg.connect(conninfo, autocommit=True) as conn, open(out_path, "w", encoding="utf-8") as out:
        def emit(rec):
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")

        emit({"id": "session", "search_path": conn.execute("SHOW search_path").fetchone()[0],
              "user": conn.execute("SELECT current_user").fetchone()[0]})
        for qid, kind, params, sql in queries():
            text = sql.replace("%", "%%").replace("?", "%s")
            try:
                cur = conn.execute(text, [param(p) for p in params])
                rows = cur.fetchall()
                emit({"id": qid, "columns": [d.name for d in cur.description],
                      "rows": [[pg_text(v) for v in r] for r in rows],
                      "types": [sorted({py_type(r[i]) for r in rows} - {None}) for i in range(len(cur.description))]})
            except psycopg.Error as e:
                emit({"id": qid, "error": {"sqlstate": e.sqlstate, "message": e.diag.message_primary,
                                           "detail": e.diag.message_detail}})
        for v in VIEWS:
            cur = conn.execute(f"SELECT * FROM roleext.{v} LIMIT 0")
            emit({"id": "meta." + v, "columns": [
                {"name": d.name, "type": conn.adapters.types.get(d.type_code).name
                 if conn.adapters.types.get(d.type_code) else str(d.type_code)} for d in cur.description]})


if __name__ == "__main__":
    main()
