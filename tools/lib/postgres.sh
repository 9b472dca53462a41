# shellcheck shell=bash
# PostgreSQL 15 + PostGIS for one profile: pg_start, pg_stop, pg_running.
# Needs tools/lib/env.sh sourced first. Data: $SAFELOOP_VAR/pg, socket: $SAFELOOP_VAR/pg-socket,
# log: $SAFELOOP_VAR/log/postgres.log. PostgreSQL refuses to run as root, so when we are root the
# data and socket dirs belong to the `postgres` OS user and its commands run via runuser.

PG_BIN="${SAFELOOP_PG_BIN:-/usr/lib/postgresql/15/bin}"
PG_DATA="$SAFELOOP_VAR/pg"
PG_SOCKET="$SAFELOOP_VAR/pg-socket"
PG_LOG="$SAFELOOP_VAR/log/postgres.log"
PG_PIDFILE="$SAFELOOP_VAR/run/postgres.pid"
PG_OS_USER=postgres

# _pg_as CMD…: runs a PostgreSQL server command as the data dir's owner, from / so that an
# unreadable working directory does not produce warnings.
_pg_as() {
  if ((EUID == 0)); then
    (cd / && runuser -u "$PG_OS_USER" -- "$@")
  else
    (cd / && "$@")
  fi
}

# _pg_psql DB SQL…: runs SQL as the bootstrap superuser over the private unix socket.
_pg_psql() {
  local db="$1"
  shift
  PGOPTIONS='-c client_min_messages=warning' \
    "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCKET" -p "$SAFELOOP_PG_PORT" -U postgres -d "$db" "$@"
}

# The postgres user must reach $SAFELOOP_VAR: give each ancestor directory, from / down, the search
# bit for "others" where postgres cannot pass (e.g. a checkout under /root). Only x, never r or w.
_pg_make_traversable() {
  local dir="" part parts
  IFS=/ read -ra parts <<<"${SAFELOOP_VAR#/}"
  for part in "${parts[@]}"; do
    dir="$dir/$part"
    [[ -d "$dir" ]] || break
    if ! runuser -u "$PG_OS_USER" -- test -x "$dir" 2>/dev/null; then
      log_step "making $dir traversable for the $PG_OS_USER user (chmod o+x)"
      chmod o+x "$dir"
    fi
  done
}

_pg_prepare_dirs() {
  mkdir -p "$SAFELOOP_VAR/log" "$SAFELOOP_VAR/run" "$PG_SOCKET"
  touch "$PG_LOG"
  if ((EUID == 0)); then
    id "$PG_OS_USER" >/dev/null 2>&1 || die "OS user '$PG_OS_USER' missing; is postgresql-15 installed? (run tools/up)"
    _pg_make_traversable
    # pg_ctl writes the log itself, as postgres.
    chown "$PG_OS_USER:" "$PG_SOCKET" "$PG_LOG"
    if [[ -d "$PG_DATA" && "$(stat -c %U "$PG_DATA")" != "$PG_OS_USER" ]]; then
      chown -R "$PG_OS_USER:" "$PG_DATA"
    fi
  fi
  chmod 0750 "$PG_SOCKET"
}

# initdb into a temporary dir and rename, so an interrupted initdb never leaves a half data dir.
_pg_initdb_once() {
  [[ -f "$PG_DATA/PG_VERSION" ]] && return 0
  if [[ -e "$PG_DATA" ]]; then
    # Not a valid cluster (no PG_VERSION): keep it aside instead of deleting someone's data.
    local aside
    aside="$PG_DATA.broken.$(date +%Y%m%d%H%M%S)"
    log_warn "$PG_DATA exists but holds no cluster; moving it to $aside"
    mv "$PG_DATA" "$aside"
  fi
  local tmp="$PG_DATA.init"
  rm -rf "$tmp"
  mkdir -p "$tmp"
  ((EUID == 0)) && chown "$PG_OS_USER:" "$tmp"
  chmod 0700 "$tmp"
  log_step "initialising PostgreSQL data dir $PG_DATA"
  if ! _pg_as "$PG_BIN/initdb" -D "$tmp" -U postgres -E UTF8 --locale=C.UTF-8 \
    --auth-local=trust --auth-host=reject >"$SAFELOOP_VAR/log/initdb.log" 2>&1; then
    cat "$SAFELOOP_VAR/log/initdb.log" >&2
    die "initdb failed"
  fi
  # Trust only the private socket and loopback TCP; anything else is rejected.
  cat >"$tmp/pg_hba.conf" <<'EOF'
# Written by tools/lib/postgres.sh: local dev/test only.
# TYPE  DATABASE  USER  ADDRESS        METHOD
local   all       all                  trust
host    all       all   127.0.0.1/32   trust
host    all       all   ::1/128        trust
EOF
  printf "\n# SafeLoop settings (rewritten on every start by tools/lib/postgres.sh)\ninclude 'safeloop.conf'\n" >>"$tmp/postgresql.conf"
  ((EUID == 0)) && chown "$PG_OS_USER:" "$tmp/pg_hba.conf"
  mv "$tmp" "$PG_DATA"
}

# Rewritten each start: the profile's port and the absolute socket path follow the checkout.
_pg_write_conf() {
  cat >"$PG_DATA/safeloop.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $SAFELOOP_PG_PORT
unix_socket_directories = '$PG_SOCKET'
fsync = on
shared_buffers = 128MB
max_connections = 200
EOF
  ((EUID == 0)) && chown "$PG_OS_USER:" "$PG_DATA/safeloop.conf"
  return 0
}

# pg_running: the postmaster of this profile's data dir is alive. postmaster.pid alone is not
# enough: after a crash its pid may be dead, a zombie, or reused by another process.
pg_running() {
  [[ -f "$PG_DATA/PG_VERSION" && -f "$PG_DATA/postmaster.pid" ]] || return 1
  pid_alive "$PG_DATA/postmaster.pid" "$PG_BIN/postgres" || return 1
  _pg_as "$PG_BIN/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1
}

# After a crash (kill -9, power loss) postmaster.pid is left behind; PostgreSQL would refuse to
# start if that pid happens to be alive as something else, or still a zombie. Remove it when its
# postmaster is gone (its shared memory is checked by PostgreSQL itself at start).
_pg_clear_stale_pidfile() {
  local f
  # The socket lock file names the old postmaster too and is checked the same way.
  for f in "$PG_DATA/postmaster.pid" "$PG_SOCKET/.s.PGSQL.$SAFELOOP_PG_PORT.lock"; do
    [[ -f "$f" ]] || continue
    if ! pid_alive "$f" "$PG_BIN/postgres"; then
      log_warn "removing stale $f (PostgreSQL was not shut down cleanly; it will recover)"
      rm -f "$f"
    fi
  done
}

# _pg_wait_accepting SECONDS: pg_isready over the socket (the server may still be recovering).
_pg_wait_accepting() {
  local deadline=$((SECONDS + $1))
  until "$PG_BIN/pg_isready" -q -h "$PG_SOCKET" -p "$SAFELOOP_PG_PORT" -U postgres; do
    if ((SECONDS >= deadline)); then
      show_log_tail "$PG_LOG" 30
      die "PostgreSQL is not accepting connections on $PG_SOCKET (port $SAFELOOP_PG_PORT); see $PG_LOG"
    fi
    sleep 0.3
  done
}

# Role `safeloop` (superuser: local only) owning database `safeloop` with PostGIS; idempotent.
_pg_bootstrap_db() {
  _pg_wait_accepting 30
  _pg_psql postgres <<'SQL' || die "creating role/database safeloop failed; see the error above"
SELECT 'CREATE ROLE safeloop LOGIN SUPERUSER'
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'safeloop') \gexec
SELECT 'CREATE DATABASE safeloop OWNER safeloop ENCODING ''UTF8'' TEMPLATE template0'
WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'safeloop') \gexec
SQL
  _pg_psql safeloop -c 'CREATE EXTENSION IF NOT EXISTS postgis' ||
    die "CREATE EXTENSION postgis failed (is postgresql-15-postgis-3 installed?)"
  [[ "$(_pg_psql safeloop -tAc "SELECT count(*) FROM pg_extension WHERE extname = 'postgis'")" == 1 ]] ||
    die "PostGIS extension missing in database safeloop (is postgresql-15-postgis-3 installed?)"
}

pg_start() {
  [[ -x "$PG_BIN/pg_ctl" ]] || die "PostgreSQL 15 not found in $PG_BIN; run tools/up (installs postgresql-15)"
  if pg_running; then
    log_step "PostgreSQL already running on 127.0.0.1:$SAFELOOP_PG_PORT"
    _pg_bootstrap_db
    return 0
  fi
  if tcp_open "$SAFELOOP_PG_PORT"; then
    die "port $SAFELOOP_PG_PORT is already in use by another process ($(port_owner "$SAFELOOP_PG_PORT")); cannot start PostgreSQL for profile $SAFELOOP_PROFILE"
  fi
  _pg_prepare_dirs
  _pg_initdb_once
  _pg_write_conf
  _pg_clear_stale_pidfile
  log_step "starting PostgreSQL on 127.0.0.1:$SAFELOOP_PG_PORT …"
  if ! without_lock_fd _pg_as "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t 60 start >/dev/null; then
    # Right after a crash the old server's backends may still hold its shared memory for a
    # moment ("pre-existing shared memory block is still in use"): give them time, retry once.
    log_warn "PostgreSQL did not start; retrying in 5 s"
    sleep 5
    _pg_clear_stale_pidfile
    if ! without_lock_fd _pg_as "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t 60 start >/dev/null; then
      show_log_tail "$PG_LOG" 30
      die "PostgreSQL failed to start; see $PG_LOG"
    fi
  fi
  head -n 1 "$PG_DATA/postmaster.pid" >"$PG_PIDFILE"
  _pg_bootstrap_db
  log_step "PostgreSQL ready on 127.0.0.1:$SAFELOOP_PG_PORT (database safeloop, PostGIS enabled)"
}

pg_stop() {
  if ! pg_running; then
    rm -f "$PG_PIDFILE"
    log_step "PostgreSQL not running"
    return 0
  fi
  log_step "stopping PostgreSQL …"
  # fast: roll back open sessions (services hold pooled connections) instead of waiting for them.
  if ! _pg_as "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w -t 60 stop >/dev/null; then
    log_warn "fast shutdown timed out; using immediate"
    _pg_as "$PG_BIN/pg_ctl" -D "$PG_DATA" -m immediate -w -t 30 stop >/dev/null ||
      die "could not stop PostgreSQL; see $PG_LOG"
  fi
  rm -f "$PG_PIDFILE"
  log_step "PostgreSQL stopped"
}
