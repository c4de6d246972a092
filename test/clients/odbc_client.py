"""The BI suite through ODBC: unixODBC, psqlODBC ("PostgreSQL Unicode"),
pyodbc (python3-pyodbc), as a BI reader.

python3 odbc_client.py CONNSTRING OUT.jsonl: one JSON line per query
(columns, rows as PostgreSQL text, the Python type of each column's values)
or its error (SQLSTATE, message), then one line of metadata per view from
SQLColumns (type name, ODBC SQL type, REMARKS).  Parameters are bound with
SQLBindParameter (pyodbc's ? parameters).
"""
import decimal
import json
import re
import sys

import pyodbc

from suite import VIEWS, pg_text, py_type, queries


def param(p):
    t, v = p.split(":", 1)
    return {"s": str, "d": decimal.Decimal, "i": int}[t](v)


def odbc_error(e):
    """(SQLSTATE, primary message) from a pyodbc error: psqlODBC writes
    '[SQLSTATE] ERROR: message;\\nError while executing the query'."""
    state = e.args[0] if e.args else None
    text = e.args[1] if len(e.args) > 1 else str(e)
    m = re.search(r"ERROR:\s+(.*?)(?:;\s*\n|\n|$)", text, re.S)
    return state, (m.group(1).strip() if m else text)


def main():
    connstr, out_path = sys.argv[1], sys.argv[2]
    conn = pyodbc.connect(connstr, autocommit=True)
    with open(out_path, "w", encoding="utf-8") as out:
        def emit(rec):
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")

        cur = conn.cursor()
        emit({"id": "session", "search_path": cur.execute("SHOW search_path").fetchone()[0],
              "user": cur.execute("SELECT current_user").fetchone()[0],
              "driver": conn.getinfo(pyodbc.SQL_DRIVER_NAME) + " " + conn.getinfo(pyodbc.SQL_DRIVER_VER)})
        for qid, kind, params, sql in queries():
            cur = conn.cursor()
            try:
                cur.execute(sql, *[param(p) for p in params])
                rows = cur.fetchall()
                emit({"id": qid, "columns": [d[0] for d in cur.description],
                      "rows": [[pg_text(v) for v in r] for r in rows],
                      "types": [sorted({py_type(r[i]) for r in rows} - {None}) for i in range(len(cur.description))]})
            except pyodbc.Error as e:
                state, message = odbc_error(e)
                emit({"id": qid, "error": {"sqlstate": state, "message": message}})
        for v in VIEWS:
            cols = conn.cursor().columns(table=v, schema="roleext").fetchall()
            emit({"id": "meta." + v, "columns": [
                {"name": c.column_name, "type": c.type_name, "sql_type": c.data_type, "remarks": c.remarks}
                for c in sorted(cols, key=lambda c: c.ordinal_position)]})
    conn.close()


if __name__ == "__main__":
    main()
