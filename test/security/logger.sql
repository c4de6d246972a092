-- The attacker's bookkeeping, run by the unprivileged database owner before
-- anything is planted (test/db/security.sh, doc/security.md).  Every
-- planted object calls public.pwned_hit(): a WARNING "PWNED ..." (reaches
-- the client and the server log even when the statement fails or is rolled
-- back) and a row in public.pwned (kept when the statement commits).
-- public.pwned_plant() creates one planted object and records whether
-- PostgreSQL accepted it.
CREATE TABLE public.pwned (
  stage     text,
  object    text NOT NULL,
  called_by name NOT NULL DEFAULT current_user,
  at        timestamptz NOT NULL DEFAULT pg_catalog.clock_timestamp()
);
GRANT SELECT, INSERT ON public.pwned TO PUBLIC;

CREATE TABLE public.pwned_plants (stage text, object text, ok boolean, error text);

CREATE FUNCTION public.pwned_hit(what text) RETURNS boolean
  LANGUAGE plpgsql AS $$
BEGIN
  RAISE WARNING 'PWNED: % called as %', what, current_user;
  BEGIN
    INSERT INTO public.pwned (stage, object)
    VALUES (pg_catalog.current_setting('roleext_security.stage', true), what);
  EXCEPTION WHEN OTHERS THEN
    RAISE WARNING 'PWNED: % (not logged: %)', what, SQLERRM;
  END;
  RETURN true;
END $$;

CREATE FUNCTION public.pwned_plant(stage text, what text, VARIADIC ddl text[]) RETURNS void
  LANGUAGE plpgsql AS $$
DECLARE
  d text;
BEGIN
  BEGIN
    FOREACH d IN ARRAY ddl LOOP
      EXECUTE d;
    END LOOP;
    INSERT INTO public.pwned_plants VALUES (stage, what, true, NULL);
  EXCEPTION WHEN OTHERS THEN
    INSERT INTO public.pwned_plants VALUES (stage, what, false, SQLERRM);
  END;
END $$;
