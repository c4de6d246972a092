-- Rules the tables keep beyond their CHECKs, the default levels, and the
-- pg_dump registration of every table.

-- The default ladder.  P1's descriptors are those of the seed role card
-- (shared/data/seed/role_card_DEI.GEN.P1.txt); the other levels carry a name
-- and grade only, for the user to describe.
INSERT INTO level (code, name, description, grade, scope, autonomy, complexity, impact,
                   decision_rights, leadership, experience, is_default)
VALUES
  ('S1', 'Entry-Level Support', NULL, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, true),
  ('S2', 'Intermediate Support', NULL, 0.5, NULL, NULL, NULL, NULL, NULL, NULL, NULL, true),
  ('S3', 'Experienced Support', NULL, 1, NULL, NULL, NULL, NULL, NULL, NULL, NULL, true),
  ('S4', 'Senior Support', NULL, 1.5, NULL, NULL, NULL, NULL, NULL, NULL, NULL, true),
  ('S5', 'Lead Support', NULL, 2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, true),
  ('P1', 'Entry-Level Professional',
   'New to role or field; performs basic tasks under supervision', 1,
   'Own tasks within a defined component',
   'Close supervision; work reviewed frequently',
   'Routine problems with known solutions',
   'Own deliverables',
   'Few independent decisions; escalates the rest',
   'None — building the craft',
   '[0,2]', true),
  ('P2', 'Developing Professional', NULL, 2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, true),
  ('P3', 'Career Professional', NULL, 3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, true),
  ('P4', 'Advanced Professional', NULL, 4, NULL, NULL, NULL, NULL, NULL, NULL, NULL, true),
  ('P5', 'Expert Professional', NULL, 5, NULL, NULL, NULL, NULL, NULL, NULL, NULL, true),
  ('P6', 'Principal Professional', NULL, 6, NULL, NULL, NULL, NULL, NULL, NULL, NULL, true),
  ('M1', 'Supervisor / Team Lead', NULL, 3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, true),
  ('M2', 'Manager', NULL, 4, NULL, NULL, NULL, NULL, NULL, NULL, NULL, true),
  ('M3', 'Senior Manager', NULL, 5, NULL, NULL, NULL, NULL, NULL, NULL, NULL, true),
  ('M4', 'Director', NULL, 6, NULL, NULL, NULL, NULL, NULL, NULL, NULL, true),
  ('M5', 'Senior Director', NULL, 7, NULL, NULL, NULL, NULL, NULL, NULL, NULL, true),
  ('M6', 'Executive Director', NULL, 8, NULL, NULL, NULL, NULL, NULL, NULL, NULL, true),
  ('E1', 'Vice President', NULL, 7, NULL, NULL, NULL, NULL, NULL, NULL, NULL, true),
  ('E2', 'Senior Vice President', NULL, 8, NULL, NULL, NULL, NULL, NULL, NULL, NULL, true),
  ('E3', 'Chief Officer', NULL, 9, NULL, NULL, NULL, NULL, NULL, NULL, NULL, true),
  ('E4', 'President', NULL, 10, NULL, NULL, NULL, NULL, NULL, NULL, NULL, true),
  ('E5', 'Chief Executive', NULL, 11, NULL, NULL, NULL, NULL, NULL, NULL, NULL, true);

-- The table that holds a table's rows in this database: the table itself, or,
-- when it is a Citus reference table (doc/citus.md), its shard here.  A
-- trigger that writes a table of the schema writes this one: on Citus the
-- trigger fires on every node's shard of its own table, inside the
-- statement the coordinator sent, and each node keeps its own copy in step;
-- a write to the distributed table from there would be a second
-- distributed statement nested in the first, which Citus refuses.
CREATE FUNCTION table_here(t regclass) RETURNS regclass
  LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, roleext, pg_temp AS $$
DECLARE
  here regclass;
BEGIN
  IF pg_catalog.to_regclass('pg_catalog.pg_dist_shard') IS NULL THEN
    RETURN t;
  END IF;
  EXECUTE 'SELECT pg_catalog.shard_name(s.logicalrelid, s.shardid)::pg_catalog.regclass
             FROM pg_catalog.pg_dist_shard s
            WHERE s.logicalrelid OPERATOR(pg_catalog.=) $1
              AND s.shardminvalue IS NULL'
     INTO here USING t;
  RETURN coalesce(here, t);
END $$;
COMMENT ON FUNCTION table_here(regclass) IS
  'Internal to the schema''s triggers: the table that holds t''s rows in this database, t itself or, when t is a Citus reference table, its shard here (doc/citus.md).';

-- level: a row stops being a default as soon as it is written by anyone but
-- CREATE EXTENSION.  Inserting a level whose code exists as an untouched
-- default replaces the default: that is how pg_restore brings back edited
-- defaults (pg_dump keeps rows WHERE NOT is_default), and how a user
-- redefines a shipped level with a plain INSERT.
CREATE FUNCTION tg_level_changes() RETURNS trigger
  LANGUAGE plpgsql SET search_path = pg_catalog, roleext, pg_temp AS $$
DECLARE
  n int8;
BEGIN
  IF TG_OP = 'INSERT' THEN
    NEW.is_default := false;
    -- the table the trigger fires on: level, or its shard on a Citus node
    EXECUTE pg_catalog.format(
      'UPDATE %I.%I l
          SET name = $1.name, description = $1.description, grade = $1.grade,
              scope = $1.scope, autonomy = $1.autonomy, complexity = $1.complexity,
              impact = $1.impact, decision_rights = $1.decision_rights,
              leadership = $1.leadership, experience = $1.experience
        WHERE l.code OPERATOR(roleext.=) $1.code AND l.is_default',
      TG_TABLE_SCHEMA, TG_TABLE_NAME) USING NEW;
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n > 0 THEN
      RETURN NULL;
    END IF;
    RETURN NEW;
  END IF;
  IF NEW IS DISTINCT FROM OLD THEN
    NEW.is_default := false;
  END IF;
  RETURN NEW;
END $$;
COMMENT ON FUNCTION tg_level_changes() IS
  'Trigger of table level: clears is_default on any write, and turns an INSERT of an untouched default level''s code into an update of it.';
CREATE TRIGGER tg_level_changes BEFORE INSERT OR UPDATE ON level
  FOR EACH ROW EXECUTE FUNCTION tg_level_changes();

-- taxonomy: where a node may sit, by the card rules (card_check_node): its
-- parent is of a higher kind; its code does not end in a level, is not its
-- parent's, has one label at the top and directly under a superfunction,
-- and below that extends the parent's code by one label.  Changing a
-- node's kind must keep its children where they may sit.  A constraint
-- trigger, checked at the end of each statement (so a chain inserted in one
-- statement may list its nodes in any order: rename_taxonomy_node inserts
-- the renamed subtree that way) or, when deferred, at commit.
CREATE FUNCTION tg_taxonomy_node() RETURNS trigger
  LANGUAGE plpgsql SET search_path = pg_catalog, roleext, pg_temp AS $$
DECLARE
  p roleext.taxonomy;
BEGIN
  -- a deferred check of a row that has changed again since: its newer
  -- version has its own check
  IF NOT EXISTS (SELECT 1 FROM roleext.taxonomy t
                 WHERE t.code = NEW.code AND t.kind = NEW.kind AND t.parent IS NOT DISTINCT FROM NEW.parent) THEN
    RETURN NULL;
  END IF;
  IF NEW.parent IS NOT NULL THEN
    SELECT * INTO p FROM roleext.taxonomy t WHERE t.code = NEW.parent;
    IF NOT FOUND THEN
      RETURN NEW;               -- the foreign key reports the missing parent
    END IF;
  END IF;
  PERFORM roleext.card_check_node(NEW.code, NEW.kind, p.code, p.kind, false);
  IF TG_OP = 'UPDATE' AND NEW.kind <> OLD.kind THEN
    PERFORM roleext.card_check_node(c.code, c.kind, NEW.code, NEW.kind, true)
       FROM roleext.taxonomy c WHERE c.parent = NEW.code;
  END IF;
  RETURN NEW;
END $$;
COMMENT ON FUNCTION tg_taxonomy_node() IS
  'Trigger of table taxonomy: a node sits where the card rules let it (card_check_node: the parent of a higher kind, the code''s form against the parent''s), and its children still do after its kind changes.';
CREATE CONSTRAINT TRIGGER tg_taxonomy_node AFTER INSERT OR UPDATE ON taxonomy
  DEFERRABLE INITIALLY IMMEDIATE
  FOR EACH ROW EXECUTE FUNCTION tg_taxonomy_node();

-- role: keep updated_at current.
CREATE FUNCTION tg_role_touch() RETURNS trigger
  LANGUAGE plpgsql SET search_path = pg_catalog, roleext, pg_temp AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END $$;
COMMENT ON FUNCTION tg_role_touch() IS 'Trigger of table role: sets updated_at on every write.';
CREATE TRIGGER tg_role_touch BEFORE UPDATE ON role
  FOR EACH ROW EXECUTE FUNCTION tg_role_touch();

-- Every table holds user data that pg_dump must keep.  Levels: only rows
-- that are not untouched defaults (CREATE EXTENSION brings those back).
SELECT pg_catalog.pg_extension_config_dump('level', 'WHERE NOT is_default');
SELECT pg_catalog.pg_extension_config_dump('taxonomy', '');
SELECT pg_catalog.pg_extension_config_dump('role', '');
SELECT pg_catalog.pg_extension_config_dump('component', '');
SELECT pg_catalog.pg_extension_config_dump('role_component', '');
SELECT pg_catalog.pg_extension_config_dump('role_alias', '');
SELECT pg_catalog.pg_extension_config_dump('mapping', '');
