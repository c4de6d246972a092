-- Every role card at once: the export an analyst keeps in a file, and reads
-- back with import_role_cards (the same cards, in the same order).

CREATE FUNCTION role_cards_json(root rolecode DEFAULT NULL) RETURNS jsonb
  LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
  SELECT coalesce(pg_catalog.jsonb_agg(roleext.role_card_json(r.code) ORDER BY r.code), '[]'::jsonb)
  FROM roleext.role r
  WHERE role_cards_json.root IS NULL OR r.code OPERATOR(roleext.<@) role_cards_json.root;
END;
COMMENT ON FUNCTION role_cards_json(rolecode) IS
  'Every role card (role_card_json) as one JSON array in code order, or only the roles under root: import_role_cards reads it back, and export -> import -> export is identical. ''[]'' when there are none.';
