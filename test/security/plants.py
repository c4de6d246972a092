#!/usr/bin/env python3
"""Write the SQL that plants look-alike objects for the security suite
(test/db/security.sh, doc/security.md).

    plants.py --ref REFDB --stage before|after --schema S [--schema S2 ...]

REFDB is a database with a clean install of the roleext to be attacked (no
planted objects: what its script binds there is what it means to bind).
From it the generator reads every expression the extension's members keep
bound (SQL-standard function bodies, parameter defaults, view rules,
constraints, column defaults and generated columns, index expressions and
predicates, trigger conditions, policies, domain defaults), finds every name
looked up in them (test/security/nodetree.py) and writes, for each schema S
(schemas an unprivileged user can create in and that may be on somebody's
search_path), objects that would be chosen instead if the name were
resolved again, or had been resolved with S on the path:

- functions, operators, aggregates with the argument types of each call
  site, as the parser saw them (before implicit coercions) and as the
  bound object receives them (polymorphic arguments made concrete);
- the same signature as the bound object (wins when S comes first);
  (a twin from the other polymorphic family, anyelement for anycompatible,
  is not planted: it makes an unqualified call ambiguous, an error, but is
  never chosen);
- domains named like every type an explicit cast or typed literal names;
- after install: the same signature as every roleext function, operator
  and aggregate, and domains named like roleext's types (runtime code
  that resolved its names with S before roleext on the path would find
  them); before install: those of them whose types exist already (a
  reference to a roleext object before the script creates it);
- the hand list test/security/hand_plants.txt (the objects of the issue).

Types that do not exist yet (roleext's, before install) leave a plant out.
Every planted object is declared IMMUTABLE PARALLEL SAFE, as an attacker
would declare it, so that PostgreSQL accepts it in an index expression or a
generated column too.  It records a call in public.pwned (and raises a
WARNING "PWNED ...") and then, where it can, returns what the object it stands in
for returns, so that the extension keeps working when something of it does
call a plant (the negative control).  Each plant is created through
public.pwned_plant(), which records whether PostgreSQL accepted it.
"""
import argparse
import json
import re
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nodetree  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
PSQL = os.path.join(os.environ.get('PG_BINDIR', ''), 'psql') if os.environ.get('PG_BINDIR') else 'psql'

POLY = {'anyelement', 'anyarray', 'anynonarray', 'anyenum', 'anyrange', 'anymultirange',
        'anycompatible', 'anycompatiblearray', 'anycompatiblenonarray', 'anycompatiblerange',
        'anycompatiblemultirange'}
UNPLANTABLE = {'internal', 'cstring', 'trigger', 'event_trigger', 'language_handler',
               'fdw_handler', 'index_am_handler', 'tsm_handler', 'table_am_handler',
               '"any"', 'unknown', 'pg_ddl_command', 'opaque'}


def query_json(db, sql):
    out = subprocess.run([PSQL, '-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1', '-d', db,
                          '-c', 'SET search_path = pg_catalog', '-c', sql],
                         check=True, capture_output=True, text=True).stdout.strip()
    return json.loads(out) if out else None


BOUND_SQL = r"""
WITH m AS (
  SELECT d.classid, d.objid FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid
  WHERE d.refclassid = 'pg_extension'::regclass AND e.extname = 'roleext' AND d.deptype = 'e'),
rel AS (SELECT objid AS oid FROM m WHERE classid = 'pg_class'::regclass),
fn AS (SELECT objid AS oid FROM m WHERE classid = 'pg_proc'::regclass),
typ AS (SELECT objid AS oid FROM m WHERE classid = 'pg_type'::regclass)
SELECT coalesce(json_agg(json_build_object('what', what, 'tree', tree)), '[]') FROM (
  SELECT 'body of ' || p.oid::regprocedure AS what, p.prosqlbody::text AS tree
    FROM pg_proc p JOIN fn USING (oid) WHERE p.prosqlbody IS NOT NULL
  UNION ALL
  SELECT 'defaults of ' || p.oid::regprocedure, p.proargdefaults::text
    FROM pg_proc p JOIN fn USING (oid) WHERE p.proargdefaults IS NOT NULL
  UNION ALL
  SELECT 'rule ' || r.rulename || ' of ' || r.ev_class::regclass, r.ev_action::text
    FROM pg_rewrite r JOIN rel ON rel.oid = r.ev_class
  UNION ALL
  SELECT 'rule condition ' || r.rulename || ' of ' || r.ev_class::regclass, r.ev_qual::text
    FROM pg_rewrite r JOIN rel ON rel.oid = r.ev_class WHERE r.ev_qual::text <> '<>'
  UNION ALL
  SELECT 'constraint ' || c.conname || ' of ' || coalesce(c.conrelid::regclass::text, c.contypid::regtype::text),
         c.conbin::text
    FROM pg_constraint c
   WHERE c.conbin IS NOT NULL AND (c.conrelid IN (SELECT oid FROM rel) OR c.contypid IN (SELECT oid FROM typ))
  UNION ALL
  SELECT 'default of ' || a.adrelid::regclass || '.' || quote_ident(att.attname), a.adbin::text
    FROM pg_attrdef a JOIN rel ON rel.oid = a.adrelid
    JOIN pg_attribute att ON att.attrelid = a.adrelid AND att.attnum = a.adnum
  UNION ALL
  SELECT 'expressions of index ' || i.indexrelid::regclass, i.indexprs::text
    FROM pg_index i JOIN rel ON rel.oid = i.indrelid WHERE i.indexprs IS NOT NULL
  UNION ALL
  SELECT 'predicate of index ' || i.indexrelid::regclass, i.indpred::text
    FROM pg_index i JOIN rel ON rel.oid = i.indrelid WHERE i.indpred IS NOT NULL
  UNION ALL
  SELECT 'condition of trigger ' || t.tgname || ' on ' || t.tgrelid::regclass, t.tgqual::text
    FROM pg_trigger t JOIN rel ON rel.oid = t.tgrelid WHERE t.tgqual IS NOT NULL
  UNION ALL
  SELECT 'policy ' || p.polname || ' on ' || p.polrelid::regclass, x
    FROM pg_policy p JOIN rel ON rel.oid = p.polrelid,
         LATERAL (VALUES (p.polqual::text), (p.polwithcheck::text)) v(x) WHERE x IS NOT NULL
  UNION ALL
  SELECT 'default of domain ' || t.oid::regtype, t.typdefaultbin::text
    FROM pg_type t JOIN typ USING (oid) WHERE t.typdefaultbin IS NOT NULL
) s
"""

TYPES_SQL = r"""
SELECT json_agg(json_build_object(
  'oid', t.oid::int8, 'typname', t.typname, 'typtype', t.typtype,
  'name', CASE WHEN t.typtype = 'p' THEN quote_ident(t.typname)
               WHEN t.typcategory = 'A' AND t.typelem <> 0
                 THEN (SELECT format('%I.%I[]', en.nspname, et.typname) FROM pg_type et
                       JOIN pg_namespace en ON en.oid = et.typnamespace WHERE et.oid = t.typelem)
               ELSE format('%I.%I', n.nspname, t.typname) END,
  'typelem', t.typelem::int8, 'typarray', t.typarray::int8, 'nsp', n.nspname,
  'member', EXISTS (SELECT FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid
                    WHERE ((d.classid = 'pg_type'::regclass AND d.objid IN (t.oid, t.typelem))
                           OR (d.classid = 'pg_class'::regclass AND d.objid IN
                               (SELECT x.typrelid FROM pg_type x WHERE x.oid IN (t.oid, t.typelem))))
                      AND d.refclassid = 'pg_extension'::regclass AND e.extname = 'roleext'),
  'builtin', t.oid < 16384))
FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
"""

PROCS_SQL = r"""
SELECT json_agg(json_build_object(
  'oid', p.oid::int8, 'nsp', n.nspname, 'name', p.proname, 'kind', p.prokind, 'retset', p.proretset,
  'rettype', p.prorettype::int8, 'args', p.proargtypes::oid[]::int8[],
  'allargs', p.proallargtypes::int8[], 'modes', p.proargmodes::text[], 'variadic', p.provariadic::int8,
  'aggkind', a.aggkind,
  'member', EXISTS (SELECT FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid
                    WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid
                      AND d.refclassid = 'pg_extension'::regclass AND e.extname = 'roleext')))
FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
LEFT JOIN pg_aggregate a ON a.aggfnoid = p.oid
WHERE p.oid IN (SELECT unnest(%s::oid[]))
   OR EXISTS (SELECT FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid
              WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid
                AND d.refclassid = 'pg_extension'::regclass AND e.extname = 'roleext')
"""

OPERS_SQL = r"""
SELECT json_agg(json_build_object(
  'oid', o.oid::int8, 'nsp', n.nspname, 'name', o.oprname, 'left', o.oprleft::int8,
  'right', o.oprright::int8, 'result', o.oprresult::int8,
  'member', EXISTS (SELECT FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid
                    WHERE d.classid = 'pg_operator'::regclass AND d.objid = o.oid
                      AND d.refclassid = 'pg_extension'::regclass AND e.extname = 'roleext')))
FROM pg_operator o JOIN pg_namespace n ON n.oid = o.oprnamespace
WHERE o.oid IN (SELECT unnest(%s::oid[]))
   OR EXISTS (SELECT FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid
              WHERE d.classid = 'pg_operator'::regclass AND d.objid = o.oid
                AND d.refclassid = 'pg_extension'::regclass AND e.extname = 'roleext')
"""


def dq(s):
    """A dollar quote that s does not contain."""
    tag = 'q'
    while '$%s$' % tag in s:
        tag += 'q'
    return '$%s$%s$%s$' % (tag, s, tag)


def lit(s):
    return "'" + s.replace("'", "''") + "'"


def qi(name):
    """A quoted identifier when it needs one (operators are never quoted)."""
    if name.replace('_', 'a').isalnum() and name == name.lower() and not name[0].isdigit():
        return name
    return '"' + name.replace('"', '""') + '"'


class Catalog:
    def __init__(self, ref):
        self.ref = ref
        rows = query_json(ref, TYPES_SQL)
        self.types = {r['oid']: r for r in rows}
        self.tinfo = nodetree.Types(rows)

    def tname(self, oid):
        """The type's name as SQL, schema-qualified (pg_catalog included)."""
        t = self.types.get(oid)
        return None if t is None else t['name']

    def exists_before(self, oid):
        """Does the type exist before roleext is installed?"""
        t = self.types.get(oid)
        return t is not None and not t['member']

    def plain(self, oid):
        t = self.types.get(oid)
        return t is not None and self.tname(oid) not in UNPLANTABLE and not (
            t['typtype'] == 'p' and t['name'] not in POLY and t['name'] not in ('record', 'void'))


class Planter:
    def __init__(self, cat, stage, schemas):
        self.cat, self.stage, self.schemas = cat, stage, schemas
        self.n = 0
        self.seen = set()
        self.out = []
        self.skipped = 0

    def ok_types(self, oids):
        for o in oids:
            if o is None or not self.cat.plain(o):
                return False
            if self.stage == 'before' and not self.cat.exists_before(o):
                return False
        return True

    def plant(self, what, ddl):
        self.out.append('SELECT public.pwned_plant(%s, %s, %s);' % (
            lit(self.stage), lit(what), ', '.join(dq(d) for d in ddl)))

    def helper(self):
        self.n += 1
        return 'pwn_%s_%d' % (self.stage[0], self.n)

    @staticmethod
    def hit(what):
        return 'PERFORM public.pwned_hit(%s);' % lit(what)

    # ---- functions --------------------------------------------------------
    def function(self, schema, name, argnames, ret, retset, delegate, outs=None, what=None):
        """A plpgsql function schema.name(argnames) that logs, then delegates."""
        key = ('f', schema, name, tuple(argnames))
        if key in self.seen:
            return
        self.seen.add(key)
        sig = '%s.%s(%s)' % (schema, qi(name), ', '.join(argnames))
        what = what or 'function ' + sig
        if outs:
            params = ', '.join(argnames + ['OUT o%d %s' % (i + 1, t) for i, t in enumerate(outs)])
            if retset:
                body = 'RETURN QUERY SELECT * FROM %s;' % delegate if delegate else 'RETURN;'
                rets = 'SETOF record'
            else:
                body = ('SELECT * INTO %s FROM %s;' % (', '.join('o%d' % (i + 1) for i in range(len(outs))),
                                                      delegate)) if delegate else 'NULL;'
                rets = 'record'
        else:
            params = ', '.join(argnames)
            rets = ('SETOF ' if retset else '') + ret
            if ret == 'void':
                body = ('PERFORM %s; RETURN;' % delegate) if delegate else 'RETURN;'
            elif retset:
                body = ('RETURN QUERY SELECT %s;' % delegate) if delegate else 'RETURN;'
            else:
                body = ('RETURN %s;' % delegate) if delegate else 'RETURN NULL;'
        ddl = ('CREATE FUNCTION %s.%s(%s) RETURNS %s LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS %s'
               % (schema, qi(name), params, rets,
                  dq('BEGIN %s %s END' % (self.hit(what), body))))
        self.plant(what, [ddl])

    def operator(self, schema, name, left, right, ret, delegate, what=None):
        key = ('o', schema, name, left, right)
        if key in self.seen:
            return
        self.seen.add(key)
        h = self.helper()
        args = [a for a in (left, right) if a]
        what = what or 'operator %s.%s(%s, %s)' % (schema, name, left or 'NONE', right or 'NONE')
        fn = ('CREATE FUNCTION %s.%s(%s) RETURNS %s LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS %s'
              % (schema, h, ', '.join(args), ret,
                 dq('BEGIN %s RETURN %s; END' % (self.hit(what), delegate or 'NULL'))))
        op = 'CREATE OPERATOR %s.%s (%sFUNCTION = %s.%s)' % (
            schema, name, ''.join('%s = %s, ' % (k, v) for k, v in (('LEFTARG', left), ('RIGHTARG', right)) if v),
            schema, h)
        self.plant(what, [fn, op])

    def aggregate(self, schema, name, argnames, ret, delegate_name, what=None):
        """An aggregate that collects its rows and hands them to delegate_name."""
        key = ('a', schema, name, tuple(argnames))
        if key in self.seen:
            return
        self.seen.add(key)
        h = self.helper()
        what = what or 'aggregate %s.%s(%s)' % (schema, name, ', '.join(argnames) or '*')
        if not argnames:
            sf = ('CREATE FUNCTION %s.%s_s(pg_catalog.int8) RETURNS pg_catalog.int8 LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS %s'
                  % (schema, h, dq('BEGIN %s RETURN $1 OPERATOR(pg_catalog.+) 1; END' % self.hit(what))))
            if ret in ('pg_catalog.int8', 'pg_catalog.bigint'):
                agg = ("CREATE AGGREGATE %s.%s(*) (SFUNC = %s.%s_s, STYPE = pg_catalog.int8, INITCOND = '0')"
                       % (schema, qi(name), schema, h))
                self.plant(what, [sf, agg])
            else:
                ff = ('CREATE FUNCTION %s.%s_f(pg_catalog.int8) RETURNS %s LANGUAGE sql IMMUTABLE PARALLEL SAFE AS %s'
                      % (schema, h, ret, dq('SELECT NULL::%s' % ret)))
                agg = ("CREATE AGGREGATE %s.%s(*) (SFUNC = %s.%s_s, STYPE = pg_catalog.int8, "
                       "FINALFUNC = %s.%s_f, INITCOND = '0')" % (schema, qi(name), schema, h, schema, h))
                self.plant(what, [sf, ff, agg])
            return
        poly = [a for a in argnames if a in POLY]
        if poly:
            if len(argnames) != 1 or argnames[0] not in ('anyelement', 'anynonarray', 'anycompatible',
                                                         'anycompatiblenonarray'):
                return self._agg_null(schema, name, argnames, ret, what, h)
            st = 'anyarray' if argnames[0] in ('anyelement', 'anynonarray') else 'anycompatiblearray'
            sf = ('CREATE FUNCTION %s.%s_s(%s, %s) RETURNS %s LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS %s'
                  % (schema, h, st, argnames[0], st,
                     dq('BEGIN %s RETURN pg_catalog.array_append($1, $2); END' % self.hit(what))))
            fin = ('SELECT %s(x) FROM pg_catalog.unnest($1) x' % delegate_name) if delegate_name and ret not in POLY \
                else 'SELECT NULL::%s' % ('pg_catalog.text' if ret in POLY else ret)
            if ret in POLY:
                return self._agg_null(schema, name, argnames, ret, what, h)
            ff = ('CREATE FUNCTION %s.%s_f(%s) RETURNS %s LANGUAGE sql IMMUTABLE PARALLEL SAFE AS %s'
                  % (schema, h, st, ret, dq(fin)))
            agg = ("CREATE AGGREGATE %s.%s(%s) (SFUNC = %s.%s_s, STYPE = %s, FINALFUNC = %s.%s_f, INITCOND = '{}')"
                   % (schema, qi(name), argnames[0], schema, h, st, schema, h))
            return self.plant(what, [sf, ff, agg])
        row = '%s.%s_row' % (schema, h)
        cols = ', '.join('a%d %s' % (i + 1, t) for i, t in enumerate(argnames))
        ty = 'CREATE TYPE %s AS (%s)' % (row, cols)
        params = ', '.join(['%s[]' % row] + argnames)
        sf = ('CREATE FUNCTION %s.%s_s(%s) RETURNS %s[] LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS %s'
              % (schema, h, params, row,
                 dq('BEGIN %s RETURN pg_catalog.array_append($1, ROW(%s)::%s); END'
                    % (self.hit(what), ', '.join('$%d' % (i + 2) for i in range(len(argnames))), row))))
        fin = ('SELECT %s(%s) FROM pg_catalog.unnest($1) r'
               % (delegate_name, ', '.join('r.a%d' % (i + 1) for i in range(len(argnames))))) \
            if delegate_name else 'SELECT NULL::%s' % ret
        ff = ('CREATE FUNCTION %s.%s_f(%s[]) RETURNS %s LANGUAGE sql IMMUTABLE PARALLEL SAFE AS %s' % (schema, h, row, ret, dq(fin)))
        agg = ("CREATE AGGREGATE %s.%s(%s) (SFUNC = %s.%s_s, STYPE = %s[], FINALFUNC = %s.%s_f, INITCOND = '{}')"
               % (schema, qi(name), ', '.join(argnames), schema, h, row, schema, h))
        self.plant(what, [ty, sf, ff, agg])

    def _agg_null(self, schema, name, argnames, ret, what, h):
        """A polymorphic aggregate that only logs (its result is NULL)."""
        st = 'pg_catalog.int8'
        sf = ('CREATE FUNCTION %s.%s_s(%s) RETURNS %s LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS %s'
              % (schema, h, ', '.join([st] + argnames), st,
                 dq('BEGIN %s RETURN $1; END' % self.hit(what))))
        if ret in POLY:
            agg = ("CREATE AGGREGATE %s.%s(%s) (SFUNC = %s.%s_s, STYPE = %s, INITCOND = '0')"
                   % (schema, qi(name), ', '.join(argnames), schema, h, st))
            return self.plant(what, [sf, agg])
        ff = ('CREATE FUNCTION %s.%s_f(%s) RETURNS %s LANGUAGE sql IMMUTABLE PARALLEL SAFE AS %s'
              % (schema, h, st, ret, dq('SELECT NULL::%s' % ret)))
        agg = ("CREATE AGGREGATE %s.%s(%s) (SFUNC = %s.%s_s, STYPE = %s, FINALFUNC = %s.%s_f, INITCOND = '0')"
               % (schema, qi(name), ', '.join(argnames), schema, h, st, schema, h))
        self.plant(what, [sf, ff, agg])

    def domain(self, schema, typname):
        key = ('d', schema, typname)
        if key in self.seen:
            return
        self.seen.add(key)
        what = 'domain %s.%s' % (schema, qi(typname))
        self.plant(what, ['CREATE DOMAIN %s.%s AS pg_catalog.text CHECK (public.pwned_hit(%s))'
                          % (schema, qi(typname), lit(what))])


def concrete(cat, oids):
    """Argument type names of a call site, untyped literals counted as text."""
    out = []
    for o in oids:
        if o == nodetree.UNKNOWN:
            o = 25
        out.append(o)
    return out


def plant_procs(pl, cat, procs, sites):
    """Functions, aggregates and window functions of the call sites."""
    for (kind, oid, pre, post, res) in sites:
        p = procs.get(oid)
        if p is None:
            continue
        target = '%s.%s' % (qi(p['nsp']), qi(p['name']))
        declared = p['args']
        outs = None
        if p['allargs']:
            outs = [a for a, m in zip(p['allargs'], p['modes']) if m in ('o', 't', 'b')]
        variants = []
        # the bound object's own signature
        variants.append((declared, p['rettype'], True))
        for types in (pre, post):
            types = concrete(cat, types)
            if types != declared:
                variants.append((types, res, False))
        for types, ret, same in variants:
            if not pl.ok_types(types) or ret is None or not cat.plain(ret):
                continue
            if pl.stage == 'before' and not cat.exists_before(ret):
                continue
            argn = [cat.tname(a) for a in types]
            retn = cat.tname(ret)
            if same and p['variadic'] and argn:
                argn[-1] = 'VARIADIC ' + argn[-1]
            if p['kind'] in ('a', 'w') or kind in ('agg', 'win'):
                if p.get('aggkind') in ('o', 'h'):
                    continue
                if argn and argn[-1].startswith('VARIADIC '):
                    continue
                deleg = target if p['kind'] == 'a' and not any(a in POLY for a in argn) or \
                    (p['kind'] == 'a' and len(argn) == 1) else None
                for s in pl.schemas:
                    if not (same and s == p['nsp']):
                        pl.aggregate(s, p['name'], argn, retn, deleg)
                continue
            # plain functions
            out_names = None
            if outs:
                if not pl.ok_types(outs):
                    continue
                out_names = [cat.tname(o) for o in outs]
                if any(n in POLY for n in out_names) and not same:
                    continue
            if same:
                deleg = '%s(%s)' % (target, ', '.join(
                    ('VARIADIC $%d' if (p['variadic'] and i == len(argn) - 1) else '$%d') % (i + 1)
                    for i in range(len(argn))))
            else:
                casts = []
                for i, (a, b) in enumerate(zip(types, concrete(cat, post) if len(post) == len(types) else types)):
                    bn = cat.tname(b)
                    decl_any = i < len(declared) and cat.tname(declared[min(i, len(declared) - 1)]) == '"any"'
                    casts.append('$%d' % (i + 1) if decl_any or bn in POLY or bn is None
                                 else '$%d::%s' % (i + 1, bn))
                deleg = '%s(%s)' % (target, ', '.join(casts))
            if retn in UNPLANTABLE:
                continue
            # (the bound object's own signature is not planted in its own
            # schema: it would collide with it, as with pg_trgm's in public)
            for s in pl.schemas:
                if same and s == p['nsp']:
                    continue
                if out_names and retn == 'record':
                    pl.function(s, p['name'], argn, retn, p['retset'], deleg, outs=out_names)
                else:
                    pl.function(s, p['name'], argn, retn, p['retset'], deleg)


def plant_opers(pl, cat, opers, sites):
    for (kind, oid, pre, post, res) in sites:
        o = opers.get(oid)
        if o is None:
            continue
        declared = [x for x in (o['left'], o['right']) if x]
        variants = [(declared, True)]
        for types in (pre, post):
            types = concrete(cat, types)
            if types != declared and len(types) == len(declared):
                variants.append((types, False))
        ret = cat.tname(o['result'])
        for types, same in variants:
            if not pl.ok_types(types):
                continue
            names = [cat.tname(a) for a in types]
            if ret in POLY or ret in UNPLANTABLE:
                continue
            if same:
                argx = ['$%d' % (i + 1) for i in range(len(names))]
            else:
                post_n = [cat.tname(b) for b in concrete(cat, post)]
                argx = ['$%d' % (i + 1) if (b is None or b in POLY) else '$%d::%s' % (i + 1, b)
                        for i, b in enumerate(post_n)]
            op = 'OPERATOR(%s.%s)' % (qi(o['nsp']), o['name'])
            deleg = ('%s %s %s' % (argx[0], op, argx[1])) if len(argx) == 2 else '%s %s' % (op, argx[0])
            left, right = (names[0], names[1]) if o['left'] else (None, names[0])
            for s in pl.schemas:
                if not (same and s == o['nsp']):
                    pl.operator(s, o['name'], left, right, ret, deleg)


def plant_types(pl, cat, sites, members):
    """Domains named like each type a cast or a typed literal names, and like roleext's."""
    names = set(members)
    for (kind, oid, pre, post, res) in sites:
        t = cat.types.get(oid) if kind == 'type' else None
        if t and t['typtype'] != 'p' and not t['name'].endswith('[]'):
            names.add(t['typname'])
    for n in sorted(names):
        for s in pl.schemas:
            pl.domain(s, n)


def hand_list(pl, cat):
    """test/security/hand_plants.txt: kind | name | argument types | result | delegate."""
    with open(os.path.join(HERE, 'hand_plants.txt')) as f:
        for line in f:
            line = line.split('#', 1)[0].strip()
            if not line:
                continue
            parts = [x.strip() for x in re.split(r'\s\|\s', ' %s ' % line)]
            kind, name, args, ret = parts[:4]
            deleg = parts[4] if len(parts) > 4 else ''
            argn = [a.strip() for a in args.split(',') if a.strip()]
            if pl.stage == 'before' and any(a.startswith('roleext.') for a in argn + [ret]):
                continue
            for s in pl.schemas:
                if kind == 'func':
                    pl.function(s, name, argn, ret, False, deleg or None)
                elif kind == 'setof':
                    pl.function(s, name, argn, ret, True, deleg or None)
                elif kind == 'agg':
                    pl.aggregate(s, name, argn, ret, deleg or None)
                elif kind == 'op':
                    left, right = (argn[0], argn[1]) if len(argn) == 2 else (None, argn[0])
                    pl.operator(s, name, left, right, ret, deleg or None)
                elif kind == 'type':
                    pl.domain(s, name)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--ref', required=True)
    ap.add_argument('--stage', choices=('before', 'after'), required=True)
    ap.add_argument('--schema', action='append', required=True)
    ap.add_argument('--summary', help='write the counts of call sites here')
    a = ap.parse_args()

    cat = Catalog(a.ref)
    bound = query_json(a.ref, BOUND_SQL)
    variadic = {}
    sites, places = [], 0
    # pass 1: the oids of every function and operator named in a tree
    parsed = []
    for b in bound:
        parsed.append((b['what'], nodetree.parse(b['tree'])))
    func_oids, op_oids = set(), set()
    for what, tree in parsed:
        for n in nodetree.walk(tree):
            t = n['_type']
            if t == 'FUNCEXPR':
                func_oids.add(int(n['funcid']))
            elif t == 'AGGREF':
                func_oids.add(int(n['aggfnoid']))
            elif t == 'WINDOWFUNC':
                func_oids.add(int(n['winfnoid']))
            elif t in ('OPEXPR', 'DISTINCTEXPR', 'NULLIFEXPR', 'SCALARARRAYOPEXPR'):
                op_oids.add(int(n['opno']))
            elif t == 'ROWCOMPAREEXPR':
                op_oids.update(int(x) for x in (n.get('opnos') or []) if x != 'o')
    procs = {p['oid']: p for p in query_json(a.ref, PROCS_SQL % lit('{%s}' % ','.join(map(str, func_oids))))}
    opers = {o['oid']: o for o in (query_json(a.ref, OPERS_SQL % lit('{%s}' % ','.join(map(str, op_oids)))) or [])}
    for p in procs.values():
        if p['variadic'] and cat.tname(p['variadic']) != '"any"':
            variadic[p['oid']] = p['variadic']
    for what, tree in parsed:
        for s in nodetree.call_sites(tree, cat.tinfo, variadic):
            sites.append(s)
            places += 1
    # the members themselves: every roleext function, aggregate and operator
    member_sites = []
    for p in procs.values():
        if p['member'] and p['kind'] in ('f', 'a'):
            member_sites.append(('agg' if p['kind'] == 'a' else 'func', p['oid'], [], [], None))
    for o in opers.values():
        if o['member']:
            member_sites.append(('op', o['oid'], [], [], None))
    member_types = sorted(t['typname'] for t in cat.types.values()
                          if t['member'] and t['typelem'] == 0 and not t['typname'].startswith('_')
                          and t['typtype'] != 'p')

    # unique sites (what differs between two sites of one object is their types)
    uniq = sorted(set((k, o, tuple(x or 0 for x in pre), tuple(x or 0 for x in post), r or 0)
                      for (k, o, pre, post, r) in sites + member_sites))
    uniq = [(k, o, [x or None for x in pre], [x or None for x in post], r or None) for (k, o, pre, post, r) in uniq]

    pl = Planter(cat, a.stage, a.schema)
    hand_list(pl, cat)
    plant_procs(pl, cat, procs, [s for s in uniq if s[0] in ('func', 'agg', 'win')])
    plant_opers(pl, cat, opers, [s for s in uniq if s[0] == 'op'])
    plant_types(pl, cat, uniq, member_types)
    print('\n'.join(pl.out))
    if a.summary:
        with open(a.summary, 'w') as f:
            f.write('%d bound expressions, %d name lookups (%d distinct), %d plants written for %s\n'
                    % (len(bound), places, len(uniq), len(pl.out), ', '.join(a.schema)))


if __name__ == '__main__':
    main()
