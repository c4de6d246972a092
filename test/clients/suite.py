"""The BI suite: the queries a BI tool generates against roleext's views.

One list, read by every client (test/clients/*), so that psql, pgjdbc,
psqlODBC and psycopg run exactly the same statements with the same
parameters.  `python3 suite.py FILE` writes it as a tab-separated file
(id, kind, params, sql) for the Java client; the Python clients import it.

Parameters are written `?` (JDBC and ODBC style) and typed:
  s:TEXT    a string: JDBC setString (varchar), ODBC SQL_VARCHAR, psycopg str
  d:NUMBER  a decimal: setBigDecimal, SQL_NUMERIC, decimal.Decimal
  i:NUMBER  an integer: setInt, SQL_INTEGER, int
psql, the reference, gets each one as a literal ('text', 0.5, 10).

Kinds: "rows" (compare the rows), "error" (compare SQLSTATE and message),
"typed" (a call of a typed function with a bare string parameter: the JDBC
client runs it on a connection with stringtype=unspecified, as the pgjdbc
documentation says to for extension types).
"""

import sys

VIEWS = {
    # view: (ORDER BY for a total order, the filter column, an equality value,
    #        a LIKE pattern, a column to group by)
    "taxonomy_tree": ("node", "node", "DEI.GEN", "DEI%", "kind"),
    "taxonomy_ancestors": ("node, distance", "node", "DEI.GEN", "DEI%", "ancestor_kind"),
    "role_card": ("role", "role", "DEI.GEN.P1", "DEI%", "function_name"),
    "role_components": ("role, kind, position", "role", "DEI.GEN.P1", "DEI%", "kind"),
    "role_aliases": ("role, alias", "role", "DEI.GEN.P1", "SWE.%", "band"),
    "role_mappings": ("role, scheme, code", "role", "SWE.FE.P2", "SWE%", "source"),
    "role_soc": ("role, scheme, code", "role", "SWE.FE.P2", "SWE%", "major_title"),
    "role_adjacency": ("role, rank", "role", "DEI.GEN.P1", "DEI.GEN.%", "band"),
    "soc_hierarchy": ("code", "code", "15-1252", "15-12%", "level"),
}


def queries():
    """[(id, kind, params, sql)]: the whole suite, in a fixed order."""
    q = []

    def add(qid, sql, params=(), kind="rows"):
        q.append((qid, kind, list(params), " ".join(sql.split())))

    for v, (order, col, eq, like, grp) in VIEWS.items():
        add(f"{v}.all", f"SELECT * FROM roleext.{v} ORDER BY {order}")
        add(f"{v}.eq", f"SELECT * FROM roleext.{v} WHERE {col} = ? ORDER BY {order}", [f"s:{eq}"])
        add(f"{v}.like", f"SELECT * FROM roleext.{v} WHERE {col} LIKE ? ORDER BY {order}", [f"s:{like}"])
        add(f"{v}.in", f"SELECT {col}, count(*) FROM roleext.{v} WHERE {col} IN (?, ?) GROUP BY {col} ORDER BY {col}",
            [f"s:{eq}", "s:NO.SUCH.CODE"])
        add(f"{v}.upper", f"SELECT count(*) FROM roleext.{v} WHERE upper({col}) = {col} AND lower({col}) <> {col}")
        add(f"{v}.group", f"SELECT {grp}, count(*) FROM roleext.{v} GROUP BY {grp} ORDER BY {grp}")
        add(f"{v}.coalesce", f"SELECT COALESCE({grp}, '(none)') AS g, count(*) FROM roleext.{v} GROUP BY 1 ORDER BY 1")

    # numbers: ranges, comparisons with numeric literals, avg / sum
    add("role_aliases.range", "SELECT role, alias, confidence FROM roleext.role_aliases "
        "WHERE confidence BETWEEN ? AND ? ORDER BY role, alias", ["d:0.5", "d:0.9"])
    add("role_aliases.ge_literal", "SELECT count(*) FROM roleext.role_aliases WHERE confidence >= 0.8")
    add("role_aliases.avg", "SELECT band, count(*), avg(confidence), sum(confidence), min(confidence), max(confidence) "
        "FROM roleext.role_aliases GROUP BY band ORDER BY band")
    add("role_aliases.type_in", "SELECT alias_type, count(*) FROM roleext.role_aliases "
        "WHERE alias_type IN (?, ?) AND approved IS NULL GROUP BY 1 ORDER BY 1", ["s:official", "s:common"])
    add("role_adjacency.range", "SELECT role, neighbour, distance, rank FROM roleext.role_adjacency "
        "WHERE distance < ? AND role LIKE ? ORDER BY role, rank", ["d:0.25", "s:SWE%"])
    add("role_adjacency.avg", "SELECT band, count(*), avg(distance), max(rank) FROM roleext.role_adjacency "
        "GROUP BY band ORDER BY band")
    add("role_adjacency.rank", "SELECT role, neighbour FROM roleext.role_adjacency WHERE rank <= ? AND role = ? "
        "ORDER BY rank", ["i:3", "s:SWE.BE.P3"])
    add("role_card.grade_range", "SELECT role, level_grade FROM roleext.role_card "
        "WHERE level_grade BETWEEN ? AND ? ORDER BY role", ["d:2.5", "d:4"])
    add("role_card.avg", "SELECT superfunction_name, count(*), avg(level_grade), sum(skills), avg(aliases) "
        "FROM roleext.role_card GROUP BY 1 ORDER BY 1")
    add("role_card.experience", "SELECT level, level_experience_min_years, level_experience_max_years "
        "FROM roleext.role_card WHERE level_experience_max_years IS NOT NULL ORDER BY role")
    add("role_soc.avg", "SELECT major_code, count(*), avg(confidence) FROM roleext.role_soc GROUP BY 1 ORDER BY 1")
    add("role_soc.status_in", "SELECT review_status, source, count(*) FROM roleext.role_soc "
        "WHERE review_status IN (?, ?) GROUP BY 1, 2 ORDER BY 1, 2", ["s:approved", "s:needs_review"])
    add("soc_hierarchy.drill", "SELECT minor_code, minor_title, count(*) FROM roleext.soc_hierarchy "
        "WHERE level = ? AND major_code = ? GROUP BY 1, 2 ORDER BY 1", ["s:detailed", "s:15-0000"])

    # joins between views, and to an HRIS table's text columns
    add("join.card_aliases", "SELECT c.function_name, c.level, a.alias, a.band FROM roleext.role_card c "
        "JOIN roleext.role_aliases a USING (role) WHERE a.approved IS NULL AND c.function_code = ? "
        "ORDER BY c.role, a.alias", ["s:DEI"])
    add("join.soc_hierarchy", "SELECT h.major_title, count(*) FROM roleext.role_soc s "
        "JOIN roleext.soc_hierarchy h ON h.code = s.code GROUP BY 1 ORDER BY 1")
    add("join.adjacency_card", "SELECT a.rank, a.neighbour, c.title, c.level_name, a.distance "
        "FROM roleext.role_adjacency a JOIN roleext.role_card c ON c.role = a.neighbour WHERE a.role = ? ORDER BY a.rank",
        ["s:DEI.GEN.P1"])
    add("join.card_tree", "SELECT t.superfunction_name, t.kind, count(*) FROM roleext.role_card c "
        "JOIN roleext.taxonomy_tree t ON t.node = c.node GROUP BY 1, 2 ORDER BY 1, 2")
    add("join.rollup", "SELECT a.ancestor, count(DISTINCT c.role) FROM roleext.role_card c "
        "JOIN roleext.taxonomy_ancestors a ON a.node = c.node WHERE a.ancestor_kind = ? GROUP BY 1 ORDER BY 1",
        ["s:superfunction"])
    add("join.components", "SELECT c.level, k.kind, count(*) FROM roleext.role_card c "
        "JOIN roleext.role_components k ON k.role = c.role GROUP BY 1, 2 ORDER BY 1, 2")
    add("join.mappings_soc", "SELECT m.role, m.code, s.major_title FROM roleext.role_mappings m "
        "LEFT JOIN roleext.role_soc s ON s.role = m.role AND s.code = m.code WHERE m.role LIKE ? ORDER BY 1, 2",
        ["s:SWE%"])
    add("join.hris", "SELECT c.level_name, count(*), count(DISTINCT h.job_code) FROM public.hris_job h "
        "JOIN roleext.role_card c ON c.role = h.job_code WHERE h.department = ? GROUP BY 1 ORDER BY 1",
        ["s:Software Engineering"])
    add("join.hris_left", "SELECT count(*), count(c.role) FROM public.hris_job h "
        "LEFT JOIN roleext.role_card c ON c.role = h.job_code")

    # typed functions with bad input: the same SQLSTATE and message everywhere
    add("error.soc_parent_cast", "SELECT roleext.soc_parent(CAST(? AS roleext.soccode))", ["s:15-12"], "error")
    add("error.role_card_json_cast", "SELECT roleext.role_card_json(CAST(? AS roleext.rolecode))", ["s:dei..p1"], "error")
    add("error.unknown_role", "SELECT roleext.role_card_json(CAST(? AS roleext.rolecode))", ["s:NO.SUCH.P1"], "error")
    add("error.adjacent_unknown", "SELECT * FROM roleext.adjacent_roles(CAST(? AS roleext.rolecode), 3)",
        ["s:NO.SUCH.P1"], "error")
    add("error.soc_parent", "SELECT roleext.soc_parent(?)", ["s:15-12"], "typed")
    add("typed.soc_parent", "SELECT roleext.soc_parent(?)", ["s:15-1252"], "typed")
    add("typed.soc_title", "SELECT roleext.soc_title(CAST(? AS roleext.soccode))", ["s:15-1252"])
    return q


def literal(p):
    """A parameter as psql sees it: a literal in the statement."""
    t, v = p.split(":", 1)
    if t == "s":
        return "'" + v.replace("'", "''") + "'"
    return v


def inline(sql, params):
    """The statement with its parameters written in as literals."""
    out, i = [], 0
    for ch in sql:
        if ch == "?":
            out.append(literal(params[i]))
            i += 1
        else:
            out.append(ch)
    return "".join(out)


def write_tsv(path):
    with open(path, "w", encoding="utf-8") as f:
        for qid, kind, params, sql in queries():
            f.write("\t".join([qid, kind, "|".join(params), sql]) + "\n")


if __name__ == "__main__":
    write_tsv(sys.argv[1])


# ---- shared by the Python clients ------------------------------------------

def pg_text(v):
    """A Python value as PostgreSQL's text output writes it (None stays None)."""
    import datetime
    import decimal
    if v is None:
        return None
    if isinstance(v, bool):
        return "t" if v else "f"
    if isinstance(v, (int, decimal.Decimal)):
        return str(v)
    if isinstance(v, float):
        return repr(v)
    if isinstance(v, datetime.datetime):
        return v.isoformat(sep=" ")
    return str(v)


def py_type(v):
    return None if v is None else type(v).__name__
