#!/usr/bin/env bash
# A second MariaDB, started with --lower_case_table_names=1 next to the main
# one, for the suites that need a server with that setting (issue 10: MySQL
# table names follow the server's lower_case_table_names).
#
#   scripts/mariadb-lctn.sh start   start it (port 3317, or the next free port 100 above), print its URL, leave it running
#   scripts/mariadb-lctn.sh stop    stop it and remove its data
#   scripts/mariadb-lctn.sh test    start it, run the suites, stop it
#
# Env: ODAC_LCTN_PORT (3317), ODAC_LCTN_DIR (/tmp/odac-mariadb-lctn),
# ODAC_LCTN_SUITES (jest path regex; default: the lower_case_table_names
# tests), ODAC_LCTN_JSON (write jest's --json results there).
# Needs mariadb-install-db and mariadbd (Debian's mariadb-server), run as root
# (the server itself runs as the mysql user) or as the user owning the data.
set -euo pipefail
cd "$(dirname "$0")/.."

dir="${ODAC_LCTN_DIR:-/tmp/odac-mariadb-lctn}"
# The port of the server this script started (kept in $dir/port), else 3317.
port="${ODAC_LCTN_PORT:-$(cat "$dir/port" 2>/dev/null || echo 3317)}"
suites="${ODAC_LCTN_SUITES:-packages/cli/test/pull/lower-case-table-names-mysql.test.ts}"
url="mysql://root@127.0.0.1:${port}/test"
log() { printf '[mariadb-lctn] %s\n' "$*"; }

# in_use <port>: something listens there already.
in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
# ours: the server whose pid file is in $dir is alive.
ours() { [[ -f "$dir/mysqld.pid" ]] && kill -0 "$(cat "$dir/mysqld.pid")" 2>/dev/null; }

server_bin() {
  for b in /usr/sbin/mariadbd /usr/sbin/mysqld "$(command -v mariadbd || true)"; do
    if [[ -n "$b" && -x "$b" ]]; then echo "$b"; return 0; fi
  done
  return 1
}

ping_server() { mysqladmin --no-defaults -h 127.0.0.1 -P "$port" -uroot ping >/dev/null 2>&1; }

start() {
  if ours && ping_server; then log "already up at $url"; echo "$url"; return 0; fi
  local bin; bin="$(server_bin)" || { log "no mariadbd here"; return 1; }
  local user=(); [[ $EUID -eq 0 ]] && user=(--user=mysql)
  # Someone else's server (or anything) on the port: take the next free one above it.
  while in_use "$port"; do port=$((port + 100)); done
  url="mysql://root@127.0.0.1:${port}/test"
  rm -rf "$dir" && mkdir -p "$dir/data" && echo "$port" >"$dir/port"
  [[ $EUID -eq 0 ]] && chown -R mysql:mysql "$dir"
  mariadb-install-db --no-defaults --datadir="$dir/data" "${user[@]}" --skip-test-db --auth-root-authentication-method=normal >"$dir/install.log" 2>&1 \
    || { cat "$dir/install.log"; return 1; }
  "$bin" --no-defaults --datadir="$dir/data" "${user[@]}" --port="$port" --bind-address=127.0.0.1 \
    --socket="$dir/mysqld.sock" --pid-file="$dir/mysqld.pid" --lower_case_table_names=1 \
    --skip-grant-tables --innodb-buffer-pool-size=64M --innodb-flush-log-at-trx-commit=0 >"$dir/server.log" 2>&1 &
  for _ in $(seq 1 60); do
    if ping_server; then
      mysql --no-defaults -h 127.0.0.1 -P "$port" -uroot -e 'CREATE DATABASE IF NOT EXISTS test'
      log "up at $url"
      echo "$url"
      return 0
    fi
    sleep 1
  done
  cat "$dir/server.log"; log "did not come up"; return 1
}

stop() {
  if [[ -f "$dir/mysqld.pid" ]]; then
    kill "$(cat "$dir/mysqld.pid")" 2>/dev/null || true
    for _ in $(seq 1 30); do ping_server || break; sleep 1; done
  fi
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  test)
    start >/dev/null
    trap stop EXIT
    json=()
    [[ -n "${ODAC_LCTN_JSON:-}" ]] && json=(--json --outputFile="$ODAC_LCTN_JSON")
    ODAC_TEST_MYSQL_LCTN1_URL="$url" pnpm exec jest "${json[@]}" "$suites"
    ;;
  *) echo "usage: $0 start|stop|test" >&2; exit 2 ;;
esac
