#!/usr/bin/env bash
# Source this file: rx_citus_start starts a throwaway Citus cluster of the
# server that $PG_CONFIG belongs to -- a coordinator and $RX_CITUS_WORKERS
# (default 2) workers, each its own PostgreSQL with shared_preload_libraries
# = 'citus', listening on 127.0.0.1 (Citus nodes reach each other by TCP) and
# on a Unix socket in a fresh temporary directory -- creates database
# $RX_CITUS_DB (default roleext_citus) with extension citus on every node,
# and joins them: citus_set_coordinator_host on the coordinator, then
# citus_add_node for each worker.  The cluster is stopped and removed when
# rx_citus_stop runs (the caller traps EXIT).
#
# Ports: the first free ones from $RX_CITUS_PORT (default 55700) up, chosen
# at run time.  After rx_citus_start:
#   RX_CITUS_HOST          the socket directory (PGHOST of every node)
#   RX_CITUS_PORTS         "coordinator worker1 worker2 ..."
#   rx_citus_psql N ...    psql on node N (0 = coordinator), -X -q -At, ON_ERROR_STOP
# Extra server settings may be passed as arguments: rx_citus_start -c x=y.

PG_CONFIG=${PG_CONFIG:-pg_config}

# Stop every node started here and remove the cluster's directory.
rx_citus_stop() {
  if [ -n "${RX_CITUS_DIR:-}" ] && [ -d "$RX_CITUS_DIR" ]; then
    local d
    for d in "$RX_CITUS_DIR"/node*; do
      [ -d "$d" ] || continue
      (cd /tmp && ${RX_CITUS_RUNAS:-} "$RX_CITUS_BINDIR/pg_ctl" -D "$d" -m immediate -w stop >/dev/null 2>&1) || true
    done
    rm -rf "$RX_CITUS_DIR"
  fi
  RX_CITUS_DIR=
}

# The first TCP port from $1 up that nothing listens on and that is not in $2.
rx_citus_free_port() {
  python3 - "$1" "${2:-}" <<'PY'
import socket, sys
p = int(sys.argv[1])
taken = set(int(x) for x in sys.argv[2].split())
while p < 65535:
    if p not in taken:
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", p))
                print(p)
                break
            except OSError:
                pass
    p += 1
PY
}

# psql on node $1 (0 = coordinator), the remaining arguments passed on.
rx_citus_psql() {
  local n=$1
  shift
  local ports=($RX_CITUS_PORTS)
  "$RX_CITUS_BINDIR/psql" -X -q -At -v ON_ERROR_STOP=1 -h "$RX_CITUS_HOST" -p "${ports[$n]}" \
    -U postgres -d "${RX_CITUS_DB:-roleext_citus}" "$@"
}

rx_citus_start() {
  local caller=$PWD workers=${RX_CITUS_WORKERS:-2} i port ports=
  RX_CITUS_BINDIR=$("$PG_CONFIG" --bindir)
  if [ ! -f "$("$PG_CONFIG" --pkglibdir)/citus.so" ]; then
    echo "citus is not installed in $("$PG_CONFIG" --pkglibdir)" >&2
    return 1
  fi
  RX_CITUS_DIR=$(mktemp -d /tmp/roleext-citus.XXXXXX)
  RX_CITUS_HOST=$RX_CITUS_DIR
  RX_CITUS_RUNAS=
  if [ "$(id -u)" = 0 ]; then
    chown postgres: "$RX_CITUS_DIR"
    RX_CITUS_RUNAS="runuser -u postgres --"
  fi
  cd /tmp   # initdb and the servers must be able to stay in their cwd
  port=${RX_CITUS_PORT:-55700}
  for i in $(seq 0 "$workers"); do
    port=$(rx_citus_free_port "$port" "$ports")
    ports="$ports $port"
    if ! $RX_CITUS_RUNAS "$RX_CITUS_BINDIR/initdb" -D "$RX_CITUS_DIR/node$i" -U postgres -A trust \
          -E UTF8 --locale=C.UTF-8 >"$RX_CITUS_DIR/initdb$i.log" 2>&1; then
      cat "$RX_CITUS_DIR/initdb$i.log" >&2
      cd "$caller"; return 1
    fi
    if ! $RX_CITUS_RUNAS "$RX_CITUS_BINDIR/pg_ctl" -D "$RX_CITUS_DIR/node$i" -l "$RX_CITUS_DIR/node$i.log" -w \
          -o "-k $RX_CITUS_DIR -c listen_addresses=127.0.0.1 -p $port -c shared_preload_libraries=citus \
              -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_prepared_transactions=100 \
              -c max_connections=200 $*" start >/dev/null; then
      cat "$RX_CITUS_DIR/node$i.log" >&2
      cd "$caller"; return 1
    fi
    port=$((port + 1))
  done
  cd "$caller"
  RX_CITUS_PORTS=${ports# }
  local p=($RX_CITUS_PORTS) db=${RX_CITUS_DB:-roleext_citus}
  for i in $(seq 0 "$workers"); do
    "$RX_CITUS_BINDIR/createdb" -h "$RX_CITUS_HOST" -p "${p[$i]}" -U postgres "$db" || return 1
    rx_citus_psql "$i" -c 'SET client_min_messages = warning' -c 'CREATE EXTENSION citus' || return 1
  done
  rx_citus_psql 0 -c "SELECT citus_set_coordinator_host('127.0.0.1', ${p[0]})" >/dev/null || return 1
  for i in $(seq 1 "$workers"); do
    rx_citus_psql 0 -c "SELECT citus_add_node('127.0.0.1', ${p[$i]})" >/dev/null || return 1
  done
}
