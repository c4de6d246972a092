-- Everything a user wrote, out and back in (README, "Data safety"): DROP EXTENSION
-- deletes the taxonomy tables with the extension, so before a drop (or to
-- move a taxonomy between databases) export_user_data() puts every user row
-- into one jsonb value and import_user_data() writes it into a fresh
-- install, with the same rows as a result.  User rows are those pg_dump
-- keeps (pg_extension_config_dump): the taxonomy tables whole, the levels
-- that are not untouched defaults, the user titles of title_dictionary,
-- the reviewed title decisions (title_decision, sql/72_title_decision.sql);
-- plus which levels exist, so that a deleted default level stays deleted.

-- The tables, in the order an import writes them (parents first), and the
-- rows of each that are the user's.
CREATE FUNCTION backup_tables()
RETURNS TABLE (step int, table_name name, user_rows text)
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
  SELECT * FROM (VALUES
    (1, 'level'::name, 'NOT t.is_default'),
    (2, 'taxonomy', 'true'),
    (3, 'role', 'true'),
    (4, 'component', 'true'),
    (5, 'role_component', 'true'),
    (6, 'role_alias', 'true'),
    (7, 'mapping', 'true'),
    (8, 'title_dictionary', 't.source OPERATOR(pg_catalog.=) ''user'''),
    (9, 'component_suggestion', 'true'),
    (10, 'title_decision', 'true')) v
  ORDER BY 1;
END;
COMMENT ON FUNCTION backup_tables() IS
  'Internal to export_user_data/import_user_data: the tables that hold user rows, in the order an import writes them, with the condition that picks the user''s rows.';

-- The columns of a table that an export carries: all but generated ones.
CREATE FUNCTION backup_columns(table_name name) RETURNS name[]
  LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
  SELECT pg_catalog.array_agg(a.attname ORDER BY a.attnum)
  FROM pg_catalog.pg_attribute a
  WHERE a.attrelid OPERATOR(pg_catalog.=) pg_catalog.to_regclass('roleext.' OPERATOR(pg_catalog.||) pg_catalog.quote_ident(backup_columns.table_name))
    AND a.attnum OPERATOR(pg_catalog.>) 0 AND NOT a.attisdropped AND a.attgenerated OPERATOR(pg_catalog.=) '';
END;
COMMENT ON FUNCTION backup_columns(name) IS
  'Internal to export_user_data/import_user_data: the columns of a roleext table that an export carries (every column but the generated ones), in table order.';

CREATE FUNCTION export_user_data() RETURNS jsonb
  LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, roleext, pg_temp AS $$
DECLARE
  b record;
  cols text;
  rows jsonb;
  tables jsonb := '{}';
BEGIN
  FOR b IN SELECT * FROM roleext.backup_tables() ORDER BY 1 LOOP
    SELECT pg_catalog.string_agg('t.' OPERATOR(pg_catalog.||) pg_catalog.quote_ident(c), ', ')
      INTO cols FROM pg_catalog.unnest(roleext.backup_columns(b.table_name)) c;
    EXECUTE pg_catalog.format(
      'SELECT coalesce(pg_catalog.jsonb_agg(r ORDER BY r::text), ''[]'') '
      'FROM (SELECT pg_catalog.to_jsonb(x) AS r FROM (SELECT %s FROM roleext.%I t WHERE %s) x) s',
      cols, b.table_name, b.user_rows) INTO rows;
    tables := tables OPERATOR(pg_catalog.||) pg_catalog.jsonb_build_object(b.table_name, rows);
  END LOOP;
  RETURN pg_catalog.jsonb_build_object(
    'format', 'roleext.user_data/1',
    'roleext_version', (SELECT e.extversion FROM pg_catalog.pg_extension e WHERE e.extname OPERATOR(pg_catalog.=) 'roleext'),
    'level_codes', (SELECT pg_catalog.jsonb_agg(l.code::text ORDER BY l.code) FROM roleext.level l),
    'tables', tables);
END $$;
COMMENT ON FUNCTION export_user_data() IS
  'Every row a user wrote into roleext as one jsonb value (format roleext.user_data/1): roles, taxonomy nodes, components, aliases, mappings, component suggestions and reviews whole, edited and user-defined levels, the user titles of title_dictionary, the reviewed title decisions, and the codes of all levels (so an import deletes the defaults deleted here). Generated columns are left out. Write it to a file before DROP EXTENSION; import_user_data brings it back. Needs SELECT on the tables (grant_reader).';

CREATE FUNCTION import_user_data(data jsonb)
RETURNS TABLE (table_name name, imported bigint)
  LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SET search_path = pg_catalog, roleext, pg_temp AS $$
DECLARE
  b record;
  cols name[];
  list text;
  rows jsonb;
  unknown text;
  present boolean;
  n bigint;
BEGIN
  IF data IS NULL OR pg_catalog.jsonb_typeof(data) OPERATOR(pg_catalog.<>) 'object'
     OR (data OPERATOR(pg_catalog.->>) 'format') IS DISTINCT FROM 'roleext.user_data/1' THEN
    RAISE EXCEPTION 'not a roleext user-data export'
      USING ERRCODE = 'invalid_parameter_value',
            DETAIL = 'import_user_data reads the jsonb value export_user_data writes, whose "format" is "roleext.user_data/1".';
  END IF;
  SELECT pg_catalog.string_agg(k, ', ') INTO unknown
  FROM pg_catalog.jsonb_object_keys(coalesce(data OPERATOR(pg_catalog.->) 'tables', '{}')) k
  WHERE k OPERATOR(pg_catalog.<>) ALL (SELECT x.table_name::text FROM roleext.backup_tables() x);
  IF unknown IS NOT NULL THEN
    RAISE EXCEPTION 'the export has tables this version of roleext does not know: %', unknown
      USING ERRCODE = 'invalid_parameter_value',
            DETAIL = pg_catalog.format('The export was written by roleext %s; import it into that version or a later one.',
                                       data OPERATOR(pg_catalog.->>) 'roleext_version');
  END IF;
  -- into a fresh install only: merging two taxonomies is not a restore
  FOR b IN SELECT * FROM roleext.backup_tables() ORDER BY 1 LOOP
    EXECUTE pg_catalog.format('SELECT EXISTS (SELECT 1 FROM roleext.%I t WHERE %s)', b.table_name, b.user_rows) INTO STRICT present;
    IF present THEN
      RAISE EXCEPTION 'roleext already holds user data (table %)', b.table_name
        USING ERRCODE = 'object_not_in_prerequisite_state',
              DETAIL = 'import_user_data restores an export into a fresh CREATE EXTENSION roleext, whose only rows are the ones it ships.',
              HINT = 'Import into a new database, or export what is here first and start from a fresh install.';
    END IF;
  END LOOP;
  FOR b IN SELECT * FROM roleext.backup_tables() ORDER BY 1 LOOP
    rows := coalesce(data OPERATOR(pg_catalog.->) 'tables' OPERATOR(pg_catalog.->) b.table_name::text, '[]');
    IF pg_catalog.jsonb_typeof(rows) OPERATOR(pg_catalog.<>) 'array' THEN
      RAISE EXCEPTION 'tables.% of the export is not an array', b.table_name USING ERRCODE = 'invalid_parameter_value';
    END IF;
    cols := roleext.backup_columns(b.table_name);
    -- a column this version does not have would be dropped silently
    SELECT pg_catalog.string_agg(DISTINCT k, ', ') INTO unknown
    FROM pg_catalog.jsonb_array_elements(rows) e, pg_catalog.jsonb_object_keys(e) k
    WHERE k OPERATOR(pg_catalog.<>) ALL (cols::text[]);
    IF unknown IS NOT NULL THEN
      RAISE EXCEPTION 'the export has columns of table % that this version of roleext does not have: %', b.table_name, unknown
        USING ERRCODE = 'invalid_parameter_value',
              DETAIL = pg_catalog.format('The export was written by roleext %s; import it into that version or a later one.',
                                         data OPERATOR(pg_catalog.->>) 'roleext_version');
    END IF;
    SELECT pg_catalog.string_agg(pg_catalog.quote_ident(c), ', ') INTO list FROM pg_catalog.unnest(cols) c;
    EXECUTE pg_catalog.format('INSERT INTO roleext.%I (%s) SELECT %s FROM pg_catalog.jsonb_populate_recordset(NULL::roleext.%I, $1)',
                              b.table_name, list, list, b.table_name) USING rows;
    GET DIAGNOSTICS n = ROW_COUNT;
    table_name := b.table_name;
    imported := n;
    RETURN NEXT;
  END LOOP;
  -- default levels deleted where the export was taken
  IF data OPERATOR(pg_catalog.?) 'level_codes' THEN
    DELETE FROM roleext.level l
     WHERE l.is_default
       AND l.code::text OPERATOR(pg_catalog.<>) ALL
           (SELECT pg_catalog.jsonb_array_elements_text(data OPERATOR(pg_catalog.->) 'level_codes'));
  END IF;
END $$;
COMMENT ON FUNCTION import_user_data(jsonb) IS
  'Write an export of export_user_data into a fresh install of roleext (refused, 55000, when user rows are already there): the same user rows come back, table by table, and default levels deleted at the source are deleted. Returns the rows imported per table. Editors only (grant_editor).';
REVOKE EXECUTE ON FUNCTION import_user_data(jsonb) FROM PUBLIC;
