-- Every object of extension roleext with what defines it, one line each,
-- sorted: the half of the upgrade proof that pg_dump cannot give (which
-- objects are members, their initial privileges, the tables pg_dump keeps
-- rows of).  test/upgrade/lib.sh diffs it between an upgraded and a fresh
-- install, beside a pg_dump of the members detached from the extension.
\set ON_ERROR_STOP on
\pset format unaligned
\pset tuples_only on
\pset fieldsep ' | '
WITH ext AS (
  SELECT oid, extname, extversion FROM pg_catalog.pg_extension WHERE extname = 'roleext'
), member AS (
  SELECT d.classid, d.objid
  FROM pg_catalog.pg_depend d JOIN ext ON d.refobjid = ext.oid
  WHERE d.refclassid = 'pg_catalog.pg_extension'::regclass AND d.deptype = 'e'
), described AS (
  SELECT m.classid, m.objid,
         pg_catalog.pg_describe_object(m.classid, m.objid, 0) AS what,
         CASE m.classid
           WHEN 'pg_catalog.pg_proc'::regclass THEN
             (SELECT CASE WHEN p.prokind = 'a'
                       THEN (SELECT pg_catalog.format('aggregate sfunc=%s stype=%s combine=%s final=%s init=%s parallel=%s',
                                      a.aggtransfn, a.aggtranstype::regtype, a.aggcombinefn, a.aggfinalfn,
                                      a.agginitval, p.proparallel)
                             FROM pg_catalog.pg_aggregate a WHERE a.aggfnoid = p.oid)
                       ELSE pg_catalog.pg_get_functiondef(p.oid) END
                     || ' acl=' || coalesce(p.proacl::text, '-')
              FROM pg_catalog.pg_proc p WHERE p.oid = m.objid)
           WHEN 'pg_catalog.pg_class'::regclass THEN
             (SELECT pg_catalog.format('relkind=%s acl=%s options=%s', c.relkind, coalesce(c.relacl::text, '-'),
                                       coalesce(c.reloptions::text, '-'))
                     || CASE WHEN c.relkind IN ('v', 'm') THEN ' ' || pg_catalog.pg_get_viewdef(c.oid) ELSE '' END
                     || coalesce((SELECT ' columns=' || pg_catalog.string_agg(
                                    pg_catalog.format('%s %s%s%s%s', a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod),
                                      CASE WHEN a.attnotnull THEN ' not null' ELSE '' END,
                                      coalesce(' default ' || pg_catalog.pg_get_expr(ad.adbin, ad.adrelid), ''),
                                      coalesce(' comment ' || pg_catalog.col_description(c.oid, a.attnum), '')),
                                    ', ' ORDER BY a.attnum)
                                  FROM pg_catalog.pg_attribute a
                                  LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
                                  WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped), '')
              FROM pg_catalog.pg_class c WHERE c.oid = m.objid)
           WHEN 'pg_catalog.pg_type'::regclass THEN
             (SELECT pg_catalog.format('type %s len=%s byval=%s align=%s storage=%s in=%s out=%s recv=%s send=%s category=%s elem=%s labels=%s',
                       t.typtype, t.typlen, t.typbyval, t.typalign, t.typstorage, t.typinput, t.typoutput,
                       t.typreceive, t.typsend, t.typcategory, t.typelem,
                       (SELECT pg_catalog.string_agg(e.enumlabel::text, ',' ORDER BY e.enumsortorder)
                          FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid))
                     || ' acl=' || coalesce(t.typacl::text, '-')
              FROM pg_catalog.pg_type t WHERE t.oid = m.objid)
           WHEN 'pg_catalog.pg_operator'::regclass THEN
             (SELECT pg_catalog.format('operator code=%s com=%s neg=%s rest=%s join=%s merges=%s hashes=%s',
                       o.oprcode, o.oprcom::regoperator, o.oprnegate::regoperator, o.oprrest, o.oprjoin,
                       o.oprcanmerge, o.oprcanhash)
              FROM pg_catalog.pg_operator o WHERE o.oid = m.objid)
           WHEN 'pg_catalog.pg_opfamily'::regclass THEN
             (SELECT 'opfamily ' || coalesce(pg_catalog.string_agg(x, '; ' ORDER BY x), '') FROM (
                SELECT pg_catalog.format('op %s %s(%s,%s) %s sortfamily=%s', ao.amopstrategy, ao.amopopr::regoperator,
                         ao.amoplefttype::regtype, ao.amoprighttype::regtype, ao.amoppurpose, ao.amopsortfamily) AS x
                FROM pg_catalog.pg_amop ao WHERE ao.amopfamily = m.objid
                UNION ALL
                SELECT pg_catalog.format('proc %s(%s,%s) %s', ap.amprocnum, ap.amproclefttype::regtype,
                         ap.amprocrighttype::regtype, ap.amproc::regprocedure)
                FROM pg_catalog.pg_amproc ap WHERE ap.amprocfamily = m.objid) s)
           WHEN 'pg_catalog.pg_opclass'::regclass THEN
             (SELECT pg_catalog.format('opclass default=%s keytype=%s family=%s', oc.opcdefault, oc.opckeytype,
                       pg_catalog.pg_describe_object('pg_catalog.pg_opfamily'::regclass, oc.opcfamily, 0))
              FROM pg_catalog.pg_opclass oc WHERE oc.oid = m.objid)
           WHEN 'pg_catalog.pg_cast'::regclass THEN
             (SELECT pg_catalog.format('cast func=%s context=%s method=%s', ca.castfunc::regprocedure,
                       ca.castcontext, ca.castmethod)
              FROM pg_catalog.pg_cast ca WHERE ca.oid = m.objid)
           WHEN 'pg_catalog.pg_event_trigger'::regclass THEN
             (SELECT pg_catalog.format('event trigger on %s tags=%s function=%s enabled=%s', et.evtevent, et.evttags,
                       et.evtfoid::regprocedure, et.evtenabled)
              FROM pg_catalog.pg_event_trigger et WHERE et.oid = m.objid)
           WHEN 'pg_catalog.pg_namespace'::regclass THEN
             (SELECT pg_catalog.format('owner-is-installer=%s acl=%s', n.nspowner = e.extowner, n.nspacl)
              FROM pg_catalog.pg_namespace n, pg_catalog.pg_extension e
              WHERE n.oid = m.objid AND e.extname = 'roleext')
           ELSE ''
         END AS definition
  FROM member m
)
SELECT 'member', what, pg_catalog.replace(definition, E'\n', '\n'),
       'comment=' || coalesce(pg_catalog.obj_description(objid, (SELECT c.relname FROM pg_catalog.pg_class c WHERE c.oid = classid)), '-'),
       'initprivs=' || coalesce((SELECT ip.initprivs::text FROM pg_catalog.pg_init_privs ip
                                 WHERE ip.classoid = described.classid AND ip.objoid = described.objid AND ip.objsubid = 0), '-')
FROM described
UNION ALL
-- the tables pg_dump keeps rows of, and which rows
SELECT 'config', c.oid::regclass::text, cond, '', ''
FROM ext, pg_catalog.pg_extension e,
     ROWS FROM (pg_catalog.unnest(e.extconfig), pg_catalog.unnest(e.extcondition)) AS x(cfg, cond)
JOIN pg_catalog.pg_class c ON c.oid = x.cfg
WHERE e.oid = ext.oid
UNION ALL
-- column privileges and comments are not members of their own
SELECT 'initprivs-column', pg_catalog.pg_describe_object(ip.classoid, ip.objoid, ip.objsubid), ip.initprivs::text, '', ''
FROM pg_catalog.pg_init_privs ip JOIN member m ON m.classid = ip.classoid AND m.objid = ip.objoid
WHERE ip.objsubid <> 0
UNION ALL
SELECT 'extension', e.extname, pg_catalog.format('relocatable=%s namespace=%s version=%s', e.extrelocatable,
       e.extnamespace::regnamespace, e.extversion), '', ''
FROM pg_catalog.pg_extension e WHERE e.extname = 'roleext'
ORDER BY 1, 2, 3;
