#!/usr/bin/env bash
# Install what roleext needs to build, test and benchmark, if it is missing.
# Debian 12: PostgreSQL 15 server (contrib included), its development
# headers, pgTAP, a C toolchain, the clients of the client suite (Java,
# ODBC, psycopg).  apt-get runs only when something is missing.
set -euo pipefail

PG_MAJOR=${PG_MAJOR:-15}
pkgs=(build-essential perl python3 "postgresql-$PG_MAJOR" "postgresql-server-dev-$PG_MAJOR"
      "postgresql-$PG_MAJOR-pgtap"
      # the client suite of make test (test/db/clients.sh): pgjdbc compiled
      # against with javac, psqlODBC through unixODBC and pyodbc, psycopg 3
      default-jdk-headless libpostgresql-jdbc-java unixodbc odbc-postgresql python3-pyodbc python3-psycopg)
# graphviz only for `make demo` (it renders the taxonomy and adjacency pictures).
if [ "${ROLEEXT_WANT_DEMO:-0}" = 1 ]; then pkgs+=(graphviz); fi
# clang and libFuzzer only for `make fuzz`; not needed by test/demo/bench.
if [ "${ROLEEXT_WANT_FUZZ:-0}" = 1 ]; then pkgs+=(clang libclang-rt-14-dev); fi

missing=()
for p in "${pkgs[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "deps: installing ${missing[*]}"
if [ "$(id -u)" = 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1; then
  sudo=(sudo)
else
  echo "deps: missing ${missing[*]}; run as root or install them with apt-get" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
