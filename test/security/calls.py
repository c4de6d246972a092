#!/usr/bin/env python3
"""Write one statement per callable member function of roleext and one per
member view, found in the catalog of DB (test/db/security.sh,
doc/security.md):

    calls.py --db DB --analyst ROLE --editor ROLE

Every function whose arguments have ordinary types is called with a sample
value of each type (a role code of the sample taxonomy, a SOC code, a card
document ...; some parameters by name: a title, a SOC version ...), and
every view is read whole.  A function of a new part of the extension is
called without anyone listing it here; an argument of a type this file
has no sample of is passed as NULL (reported: calls.py prints them on
stderr).  The statements are fully qualified: the caller's own names never
resolve through its search_path, so that whatever calls a planted object
is inside the extension.  Each statement runs in a transaction of its own;
an error (an unknown role, a missing privilege) ends only that call.
"""
import argparse
import json
import subprocess
import os
import sys

PSQL = os.path.join(os.environ['PG_BINDIR'], 'psql') if os.environ.get('PG_BINDIR') else 'psql'

CARD = "roleext.role_card_json(CAST('DEI.GEN.P1' AS roleext.rolecode))"
CARDS = "roleext.role_cards_json(CAST(NULL AS roleext.rolecode))"


def q(s):
    return "'" + s.replace("'", "''") + "'"


def cast(value, typ):
    return 'CAST(%s AS %s)' % (value, typ)


# sample values by type (schema-qualified type name -> SQL text of a value)
BY_TYPE = {
    'roleext.rolecode': q('DEI.GEN.P1'),
    'roleext.rolelevel': q('P1'),
    'roleext.rolelevelrange': q('[P1,P4]'),
    'roleext.rolelevelmultirange': q('{[P1,P4]}'),
    'roleext.soccode': q('15-1252'),
    'roleext.confidence': q('0.60'),
    'roleext.rolecoord': q('TECH.DEI.GEN@1'),
    'pg_catalog.text': q('x'),
    'pg_catalog.name': q('role'),
    'pg_catalog.jsonb': CARD,
    'pg_catalog.boolean': 'true',
    'pg_catalog.integer': '5',
    'pg_catalog.smallint': '1',
    'pg_catalog.bigint': '1',
    'pg_catalog.double precision': '0.5',
    'pg_catalog.numeric': '0.5',
    'pg_catalog.int4range': q('[0,3)'),
    'pg_catalog.timestamp with time zone': q('2024-01-01 00:00:00+00'),
    'pg_catalog.regclass': q('roleext.role'),
}

# sample values by parameter name, for a parameter of one of the given types
TEXT, CODE, INT, JSON, BOOL = ('pg_catalog.text',), ('roleext.rolecode',), \
    ('pg_catalog.integer', 'pg_catalog.bigint', 'pg_catalog.double precision'), ('pg_catalog.jsonb',), \
    ('pg_catalog.boolean',)
BY_NAME = {
    'title': (q('Sr. DevOps Eng II (Remote)'), TEXT),
    'normalized': (q('devops engineer'), TEXT),
    'version': (q('2018'), TEXT),
    'from_version': (q('2018'), TEXT),
    'to_version': (q('2010'), TEXT),
    'isco08': (q('2512'), TEXT),
    'caller': (q('security'), TEXT),
    'reviewer': (q('security'), TEXT),
    'note': (q('security suite'), TEXT),
    's': (q('say "hi"\n'), TEXT),
    'track': (q('p'), TEXT),
    'level': (q('minor'), TEXT),
    'k': ('5', INT),
    'pool': ('10', INT),
    'n': ('2', INT),
    'grade': ('1', INT),
    'root': (q('DEI'), CODE),
    'node': (q('DEI.GEN'), CODE),
    'old_code': (q('DEI.GEN'), CODE),
    'new_code': (q('DEI.GEN'), CODE),
    'parent': (q('DEI'), CODE),
    'cards': (CARDS, JSON),
    'card': (CARD, JSON),
    'doc': (CARD, JSON),
    'data': ('roleext.export_user_data()', JSON),
    'limited': ('true', BOOL),
    'as_child': ('false', BOOL),
    'single': ('true', BOOL),
    'rows': ('true', BOOL),
}

# values for one parameter of one function (function.parameter)
BY_FUNCTION = {
    'import_role_cards.single': 'false',
    'card_parse.doc': CARD,
    'review_mapping.code': q('15-0000'),
    'approve_mapping.code': q('15-0000'),
    'reject_mapping.code': q('15-9999'),
    'card_mapping_code.code': q('15-1252'),
    'card_soc_fits.scheme': q('soc2018'),
    'card_isco_fits.scheme': q('isco08'),
    'card_isco_fits.code': q('2512'),
    'card_check_node.code': q('DEI.GEN'),
    'card_node_problem.code': q('DEI.GEN'),
    'text_cat_level.$1': q('Level '),
    'code_append_level.$1': q('DEI.GEN'),
    'make_level.rank': '1',
    'level_span.$1': q('P1–P4'),
}

CATALOG_SQL = r"""
SET search_path = pg_catalog;
WITH m AS (
  SELECT d.classid, d.objid FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid
  WHERE d.refclassid = 'pg_extension'::regclass AND e.extname = 'roleext' AND d.deptype = 'e')
SELECT json_build_object(
  'functions', (SELECT json_agg(json_build_object(
       'name', p.proname, 'schema', p.pronamespace::regnamespace::text, 'retset', p.proretset,
       'ret', p.prorettype::regtype::text, 'rettyp', t.typtype, 'kind', p.prokind,
       'args', (SELECT json_agg(json_build_object('type', format_type(a.t, NULL), 'typtype', at.typtype,
                                                  'typrelid', at.typrelid::regclass::text,
                                                  'elem', format_type(at.typelem, NULL),
                                                  'name', coalesce(p.proargnames[a.i], ''),
                                                  'label', (SELECT min(e.enumlabel COLLATE "C") FROM pg_enum e
                                                             WHERE e.enumtypid = a.t
                                                               AND e.enumsortorder = (SELECT min(x.enumsortorder) FROM pg_enum x WHERE x.enumtypid = a.t)))
                                ORDER BY a.i)
                FROM unnest(p.proargtypes::oid[]) WITH ORDINALITY a(t, i)
                JOIN pg_type at ON at.oid = a.t))
       ORDER BY p.proname, p.oid)
     FROM pg_proc p JOIN m ON m.classid = 'pg_proc'::regclass AND m.objid = p.oid
     JOIN pg_type t ON t.oid = p.prorettype
     WHERE p.prokind = 'f'),
  'views', (SELECT json_agg(c.oid::regclass::text ORDER BY c.relname)
     FROM pg_class c JOIN m ON m.classid = 'pg_class'::regclass AND m.objid = c.oid
     WHERE c.relkind IN ('v', 'm')))
"""


def qualified(t):
    """format_type gives pg_catalog types unqualified under search_path=pg_catalog."""
    if '.' in t.split('(')[0].split('[')[0] or t.startswith('"'):
        return t
    return 'pg_catalog.' + t


def sample(fn, i, a, analyst, editor):
    typ = qualified(a['type'])
    pname = a['name'] or '$%d' % (i + 1)
    key = '%s.%s' % (fn['name'], pname)
    if key in BY_FUNCTION:
        return cast(BY_FUNCTION[key], typ)
    if a['name'] == 'grantee':
        who = editor if fn['name'] == 'grant_editor' else analyst
        return cast(q(who), typ)
    if a['name'] == 'alias':
        return ("(SELECT a.alias FROM roleext.role_alias a WHERE a.role OPERATOR(roleext.=) "
                "CAST('DEI.GEN.P1' AS roleext.rolecode) ORDER BY a.alias LIMIT 1)")
    if a['name'] in BY_NAME and typ in BY_NAME[a['name']][1]:
        return cast(BY_NAME[a['name']][0], typ)
    if a['typtype'] == 'e':
        return cast(q(a['label']), typ)
    if typ in BY_TYPE:
        return cast(BY_TYPE[typ], typ)
    if a['typtype'] == 'c' and a['typrelid'] and a['typrelid'] != '-':
        if a['typrelid'] == 'roleext.card_batch':
            return 'roleext.card_parse(%s, true, true)' % CARD
        rel = a['typrelid']
        # a row of a member table, if it is one
        return '(SELECT t FROM %s t LIMIT 1)' % rel if not rel.startswith('roleext.card_') else cast('NULL', typ)
    if typ.endswith('[]'):
        elem = qualified(typ[:-2])
        if elem in BY_TYPE:
            return 'ARRAY[%s]' % cast(BY_TYPE[elem], elem)
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--db', required=True)
    ap.add_argument('--analyst', required=True)
    ap.add_argument('--editor', required=True)
    a = ap.parse_args()
    out = subprocess.run([PSQL, '-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1', '-d', a.db],
                         input=CATALOG_SQL, check=True, capture_output=True, text=True).stdout.strip()
    cat = json.loads(out.splitlines()[-1])
    stmts, nulls, skipped = [], [], []
    for fn in cat['functions'] or []:
        args = fn['args'] or []
        if any(x['type'] in ('internal', 'cstring', '"any"', 'trigger', 'anyelement', 'anyarray')
               for x in args) or fn['ret'] in ('trigger', 'event_trigger', 'internal', 'cstring'):
            skipped.append(fn['name'])
            continue
        vals = []
        for i, x in enumerate(args):
            v = sample(fn, i, x, a.analyst, a.editor)
            if v is None:
                nulls.append('%s(%s)' % (fn['name'], x['name'] or x['type']))
                v = cast('NULL', qualified(x['type']))
            vals.append(v)
        call = '%s.%s(%s)' % (fn['schema'], fn['name'], ', '.join(vals))
        if fn['retset'] or fn['rettyp'] == 'c' or fn['ret'] == 'record':
            stmts.append('SELECT pg_catalog.count(*) FROM %s x WHERE CAST(x AS pg_catalog.text) IS NOT NULL;' % call)
        else:
            stmts.append('SELECT (%s) IS NULL;' % call)
    for v in cat['views'] or []:
        stmts.append('SELECT pg_catalog.count(*) FROM %s x WHERE CAST(x AS pg_catalog.text) IS NOT NULL;' % v)
    print('\n'.join(stmts))
    print('calls.py: %d functions and %d views; %d functions not callable with sample values (%s); '
          'NULL for %s' % (len(stmts) - len(cat['views'] or []), len(cat['views'] or []), len(skipped),
                          ', '.join(sorted(set(skipped))) or 'none', ', '.join(nulls) or 'no argument'),
          file=sys.stderr)


if __name__ == '__main__':
    main()
