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

CREATE FUNCTION grant_reader(grantee name) RETURNS void
  LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SET search_path = pg_catalog, roleext, pg_temp AS $$
DECLARE
  r regclass;
BEGIN
  PERFORM roleext.check_grantee(grantee);
  EXECUTE format('GRANT USAGE ON SCHEMA roleext TO %I', grantee);
  FOR r IN SELECT x.rel FROM roleext.extension_relations() x LOOP
    EXECUTE format('GRANT SELECT ON %s TO %I', r, grantee);
  END LOOP;
END $$;
COMMENT ON FUNCTION grant_reader(name) IS
  'Let a database role read roleext: SELECT on every view, taxonomy table and reference table of the extension. Writes nothing else.';

CREATE FUNCTION grant_editor(grantee name) RETURNS void
  LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SET search_path = pg_catalog, roleext, pg_temp AS $$
DECLARE
  r record;
  f regprocedure;
BEGIN
  PERFORM roleext.grant_reader(grantee);
  FOR r IN SELECT x.rel FROM roleext.extension_relations() x
           WHERE x.relkind IN ('r', 'p') AND x.rel IN (SELECT c.table_oid FROM roleext.taxonomy_tables() c) LOOP
    EXECUTE format('GRANT INSERT, UPDATE, DELETE ON %s TO %I', r.rel, grantee);
  END LOOP;
  FOR f IN SELECT p.oid::regprocedure FROM pg_catalog.pg_proc p
           WHERE p.pronamespace = 'roleext'::regnamespace AND p.proname = ANY (roleext.editor_functions()) LOOP
    EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO %I', f, grantee);
  END LOOP;
END $$;
COMMENT ON FUNCTION grant_editor(name) IS
  'Let a database role edit the taxonomy: everything grant_reader gives, plus INSERT, UPDATE, DELETE on the taxonomy tables and EXECUTE on the import and review functions.';

-- The user-data tables editors may write, looked up by name so that tables
-- of later script parts (title_dictionary) can be listed.
CREATE FUNCTION taxonomy_tables() RETURNS TABLE (table_oid regclass)
  LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
  SELECT c.oid::regclass FROM pg_catalog.pg_class c
  WHERE c.relnamespace = 'roleext'::regnamespace
    AND c.relname = ANY ('{level,taxonomy,role,component,role_component,role_alias,mapping,title_dictionary,component_suggestion}'::name[])
  ORDER BY c.oid;
END;
COMMENT ON FUNCTION taxonomy_tables() IS 'The user-data tables of roleext, which grant_editor lets a role write.';

-- The functions only editors may call.
CREATE FUNCTION editor_functions() RETURNS name[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN '{import_role_card,import_role_cards,rename_taxonomy_node,review_mapping,approve_mapping,reject_mapping,review_alias,approve_alias,reject_alias,suggest_mappings,suggest_components,review_component,approve_component,reject_component}'::name[];
COMMENT ON FUNCTION editor_functions() IS 'Names of the functions grant_editor lets a role execute (import, review, rename_taxonomy_node, suggest_mappings).';

REVOKE EXECUTE ON FUNCTION import_role_card(jsonb) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION import_role_cards(jsonb) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION review_mapping(rolecode, text, review_status, mapping_scheme, text, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION approve_mapping(rolecode, text, mapping_scheme, text, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION reject_mapping(rolecode, text, mapping_scheme, text, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION review_alias(rolecode, text, boolean, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION approve_alias(rolecode, text, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION reject_alias(rolecode, text, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION rename_taxonomy_node(rolecode, rolecode) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION grant_reader(name) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION grant_editor(name) FROM PUBLIC;
