#!/usr/bin/env bash
# Source this file: rx_cluster_start starts a throwaway PostgreSQL cluster of
# the server that $PG_CONFIG belongs to, listening only on a Unix socket in a
# fresh temporary directory, and exports PGHOST/PGPORT/PGUSER/PGDATABASE.
# The cluster is stopped and removed when the calling shell exits.
# Extra server settings may be passed as arguments: rx_cluster_start -c x=y.

PG_CONFIG=${PG_CONFIG:-pg_config}

rx_cluster_stop() {
  if [ -n "${RX_CLUSTER_DIR:-}" ] && [ -d "$RX_CLUSTER_DIR" ]; then
    (cd /tmp && ${RX_RUNAS:-} "$RX_BINDIR/pg_ctl" -D "$RX_CLUSTER_DIR/data" -m immediate -w stop >/dev/null 2>&1) || true
    rm -rf "$RX_CLUSTER_DIR"
  fi
  RX_CLUSTER_DIR=
}

rx_cluster_start() {
  RX_CALLER_DIR=$PWD
  RX_BINDIR=$("$PG_CONFIG" --bindir)
  RX_CLUSTER_DIR=$(mktemp -d /tmp/roleext-pg.XXXXXX)
  RX_RUNAS=
  if [ "$(id -u)" = 0 ]; then
    # initdb and postgres refuse to run as root
    chown postgres: "$RX_CLUSTER_DIR"
    RX_RUNAS="runuser -u postgres --"
    cd /tmp   # the server and initdb must be able to stay in their cwd
  fi
  trap rx_cluster_stop EXIT
  if ! $RX_RUNAS "$RX_BINDIR/initdb" -D "$RX_CLUSTER_DIR/data" -U postgres -A trust \
        -E UTF8 --locale=C.UTF-8 >"$RX_CLUSTER_DIR/initdb.log" 2>&1; then
    cat "$RX_CLUSTER_DIR/initdb.log" >&2
    cd "$RX_CALLER_DIR"; return 1
  fi
  if ! $RX_RUNAS "$RX_BINDIR/pg_ctl" -D "$RX_CLUSTER_DIR/data" -l "$RX_CLUSTER_DIR/server.log" -w \
        -o "-k $RX_CLUSTER_DIR -c listen_addresses= -p 5432 -c fsync=off -c synchronous_commit=off -c full_page_writes=off $*" \
        start >/dev/null; then
    cat "$RX_CLUSTER_DIR/server.log" >&2
    cd "$RX_CALLER_DIR"; return 1
  fi
  cd "$RX_CALLER_DIR"
  export PGHOST=$RX_CLUSTER_DIR PGPORT=5432 PGUSER=postgres PGDATABASE=postgres
  unset PGPASSWORD PGSERVICE
}
