-- Privileges.  The types and pure functions are for everyone (USAGE on the
-- schema); the taxonomy and reference tables are granted to nobody until an
-- administrator calls grant_reader() or grant_editor().  Functions that write
-- or grant are not executable by PUBLIC.

GRANT USAGE ON SCHEMA roleext TO PUBLIC;

-- The tables and views of the extension (members of it).
CREATE FUNCTION extension_relations()
RETURNS TABLE (rel regclass, relkind "char")
  LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
  SELECT c.oid::regclass, c.relkind
  FROM pg_catalog.pg_depend d
  JOIN pg_catalog.pg_extension e ON e.oid = d.refobjid AND e.extname = 'roleext'
  JOIN pg_catalog.pg_class c ON c.oid = d.objid
  WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.deptype = 'e'
    AND c.relkind IN ('r', 'v', 'm', 'p')
  ORDER BY 1;
END;
COMMENT ON FUNCTION extension_relations() IS 'The tables and views that belong to roleext.';

-- Check that a grantee names an existing role.
CREATE FUNCTION check_grantee(grantee name) RETURNS void
  LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, roleext, pg_temp AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles r WHERE r.rolname = grantee) THEN
    RAISE EXCEPTION 'role "%" does not exist', grantee USING ERRCODE = 'undefined_object',
      DETAIL = 'grant_reader and grant_editor take the name of an existing database role; create it first with CREATE ROLE.';
  END IF;
END $$;
COMMENT ON FUNCTION check_grantee(name) IS 'Internal to grant_reader/grant_editor: raise 42704 unless the role exists.';

-- Readers connect with the default search_path ("$user", public): the BI
-- views need nothing more (standard types), but the functions an analyst
-- calls in SQL (soc_parent, resolve_title, role_card_json ...) and the
-- operators of the types live in schema roleext.  grant_reader therefore
-- puts roleext at the end of the grantee's search_path in this database
-- (ALTER ROLE ... IN DATABASE ... SET), keeping whatever path the role had:
-- its own setting here, else its setting for all databases, else this
-- database's, else the server default.  roleext goes last, so a user's own
-- objects of the same name win.
CREATE FUNCTION reader_search_path(grantee name) RETURNS text
  LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SET search_path = pg_catalog, roleext, pg_temp AS $$
DECLARE
  cur text;
  elems text[];
  e text;
  path text := '';
BEGIN
  SELECT substr(c, length('search_path=') + 1) INTO cur
    FROM (SELECT s.setconfig, s.setrole, s.setdatabase FROM pg_catalog.pg_db_role_setting s
          WHERE (s.setrole = (SELECT r.oid FROM pg_catalog.pg_roles r WHERE r.rolname = grantee) AND s.setdatabase IN (0, (SELECT d.oid FROM pg_catalog.pg_database d WHERE d.datname = pg_catalog.current_database())))
             OR (s.setrole = 0 AND s.setdatabase = (SELECT d.oid FROM pg_catalog.pg_database d WHERE d.datname = pg_catalog.current_database()))) s,
         unnest(s.setconfig) c
   WHERE c LIKE 'search_path=%'
   ORDER BY s.setrole = 0, s.setdatabase = 0   -- role in this database, role, database
   LIMIT 1;
  -- (no setting: the server default; current_setting would read this function's own SET)
  IF cur IS NULL OR pg_catalog.btrim(cur) = '' THEN
    cur := '"$user", public';
  END IF;
  -- the elements, unquoted: "$user", public, "My Schema"
  elems := ARRAY(SELECT CASE WHEN m[1] LIKE '"%' THEN pg_catalog.replace(pg_catalog.substr(m[1], 2, length(m[1]) - 2), '""', '"')
                             ELSE m[1] END
                   FROM pg_catalog.regexp_matches(cur, '("(?:[^"]|"")*"|[^,[:space:]]+)', 'g') m);
  IF 'roleext' = ANY (elems) THEN
    RETURN NULL;
  END IF;
  FOREACH e IN ARRAY elems || ARRAY['roleext'] LOOP
    path := path || CASE WHEN path = '' THEN '' ELSE ', ' END || pg_catalog.quote_ident(e);
  END LOOP;
  EXECUTE format('ALTER ROLE %I IN DATABASE %I SET search_path = %s', grantee, pg_catalog.current_database(), path);
  RETURN path;
END $$;
COMMENT ON FUNCTION reader_search_path(name) IS
  'Internal to grant_reader: append roleext to a role''s search_path in this database (ALTER ROLE ... IN DATABASE ... SET), keeping the path it has; returns the new path, or NULL when roleext is already on it. Takes effect at the role''s next login.';

CREATE FUNCTION grant_reader(grantee name, set_search_path boolean DEFAULT true) RETURNS void
  LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SET search_path = pg_catalog, roleext, pg_temp AS $$
DECLARE
  r regclass;
BEGIN
  PERFORM roleext.check_grantee(grantee);
  EXECUTE format('GRANT USAGE ON SCHEMA roleext TO %I', grantee);
  FOR r IN SELECT x.rel FROM roleext.extension_relations() x LOOP
    EXECUTE format('GRANT SELECT ON %s TO %I', r, grantee);
  END LOOP;
  IF set_search_path THEN
    PERFORM roleext.reader_search_path(grantee);
  END IF;
END $$;
COMMENT ON FUNCTION grant_reader(name, boolean) IS
  'Let a database role read roleext: SELECT on every view, taxonomy table and reference table of the extension; with set_search_path (the default) also put roleext at the end of the role''s search_path in this database, so that its SQL reaches the functions and operators without qualifying them (from its next login). The views need no search_path.';

CREATE FUNCTION grant_editor(grantee name, set_search_path boolean DEFAULT true) RETURNS void
  LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SET search_path = pg_catalog, roleext, pg_temp AS $$
DECLARE
  r record;
  f regprocedure;
BEGIN
  PERFORM roleext.grant_reader(grantee, set_search_path);
  FOR r IN SELECT x.rel FROM roleext.extension_relations() x
           WHERE x.relkind IN ('r', 'p') AND x.rel IN (SELECT c.table_oid FROM roleext.taxonomy_tables() c) LOOP
    EXECUTE format('GRANT INSERT, UPDATE, DELETE ON %s TO %I', r.rel, grantee);
  END LOOP;
  FOR f IN SELECT p.oid::regprocedure FROM pg_catalog.pg_proc p
           WHERE p.pronamespace = 'roleext'::regnamespace AND p.proname = ANY (roleext.editor_functions()) LOOP
    EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO %I', f, grantee);
  END LOOP;
END $$;
COMMENT ON FUNCTION grant_editor(name, boolean) IS
  'Let a database role edit the taxonomy: everything grant_reader gives (search_path included, unless set_search_path is false), plus INSERT, UPDATE, DELETE on the taxonomy tables and EXECUTE on the import and review functions.';

-- The user-data tables editors may write, looked up by name so that tables
-- of later script parts (title_dictionary, title_decision) can be listed.
CREATE FUNCTION taxonomy_tables() RETURNS TABLE (table_oid regclass)
  LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
  SELECT c.oid::regclass FROM pg_catalog.pg_class c
  WHERE c.relnamespace = 'roleext'::regnamespace
    AND c.relname = ANY ('{level,taxonomy,role,component,role_component,role_alias,mapping,title_dictionary,component_suggestion,title_decision}'::name[])
  ORDER BY c.oid;
END;
COMMENT ON FUNCTION taxonomy_tables() IS 'The user-data tables of roleext, which grant_editor lets a role write.';

-- The functions only editors may call.
CREATE FUNCTION editor_functions() RETURNS name[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN '{import_role_card,import_role_cards,rename_taxonomy_node,review_mapping,approve_mapping,reject_mapping,review_alias,approve_alias,reject_alias,suggest_mappings,import_user_data,suggest_components,review_component,approve_component,reject_component,record_title_decision,remove_title_decision}'::name[];
COMMENT ON FUNCTION editor_functions() IS 'Names of the functions grant_editor lets a role execute (import, review, rename_taxonomy_node, suggest_mappings, import_user_data, suggest_components and the review of suggested components, record_title_decision, remove_title_decision).';

REVOKE EXECUTE ON FUNCTION import_role_card(jsonb) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION import_role_cards(jsonb) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION review_mapping(rolecode, text, review_status, mapping_scheme, text, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION approve_mapping(rolecode, text, mapping_scheme, text, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION reject_mapping(rolecode, text, mapping_scheme, text, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION review_alias(rolecode, text, boolean, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION approve_alias(rolecode, text, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION reject_alias(rolecode, text, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION rename_taxonomy_node(rolecode, rolecode) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION grant_reader(name, boolean) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION grant_editor(name, boolean) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION reader_search_path(name) FROM PUBLIC;
