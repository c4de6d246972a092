#!/usr/bin/env bash
# Source this file: rx_cluster_start starts a throwaway PostgreSQL cluster of
# the server that $PG_CONFIG belongs to, listening only on a Unix socket in a
# fresh temporary directory, and exports PGHOST/PGPORT/PGUSER/PGDATABASE.
# The cluster is stopped and removed when the calling shell exits.
# Extra server settings may be passed as arguments: rx_cluster_start -c x=y.
# With RX_TCP_PORT set (a number, or "auto" for the first free port from
# 55434 up), the cluster also listens on 127.0.0.1 at that port, for clients
# that need TCP (JDBC, ODBC); PGPORT is then that port.

PG_CONFIG=${PG_CONFIG:-pg_config}

rx_cluster_stop() {
  if [ -n "${RX_CLUSTER_DIR:-}" ] && [ -d "$RX_CLUSTER_DIR" ]; then
    (cd /tmp && ${RX_RUNAS:-} "$RX_BINDIR/pg_ctl" -D "$RX_CLUSTER_DIR/data" -m immediate -w stop >/dev/null 2>&1) || true
    rm -rf "$RX_CLUSTER_DIR"
  fi
  RX_CLUSTER_DIR=
}

# The first TCP port from $1 (default 55434) up that nothing listens on.
rx_free_port() {
  python3 - "${1:-55434}" <<'PY'
import socket, sys
p = int(sys.argv[1])
while p < 65535:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", p))
        except OSError:
            p += 1
            continue
    print(p)
    break
PY
}

rx_cluster_start() {
  RX_CALLER_DIR=$PWD
  local port=5432 listen=
  if [ -n "${RX_TCP_PORT:-}" ]; then
    port=$RX_TCP_PORT
    [ "$port" = auto ] && port=$(rx_free_port 55434)
    listen=127.0.0.1
  fi
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
        -o "-k $RX_CLUSTER_DIR -c listen_addresses=$listen -p $port -c fsync=off -c synchronous_commit=off -c full_page_writes=off $*" \
        start >/dev/null; then
    cat "$RX_CLUSTER_DIR/server.log" >&2
    cd "$RX_CALLER_DIR"; return 1
  fi
  cd "$RX_CALLER_DIR"
  export PGHOST=$RX_CLUSTER_DIR PGPORT=$port PGUSER=postgres PGDATABASE=postgres
  RX_TCP_LISTEN=$listen
  unset PGPASSWORD PGSERVICE
}
