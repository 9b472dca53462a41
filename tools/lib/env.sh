# shellcheck shell=bash
# SafeLoop local environment: `source tools/lib/env.sh dev|test`.
# Exports the ports, paths and service variables of docs/CONVENTIONS.md for one profile, plus small
# helpers (logging, pid files, ports, the per-profile lock) shared by tools/lib/*.sh and tools/*.
# Sourcing it again with another profile overrides everything, so a shell can switch profiles.

_safeloop_profile="${1:-${SAFELOOP_PROFILE:-dev}}"
case "$_safeloop_profile" in
  dev | test) ;;
  *)
    echo "env.sh: unknown profile '$_safeloop_profile' (expected dev or test)" >&2
    # shellcheck disable=SC2317 # exit only when executed instead of sourced
    return 2 2>/dev/null || exit 2
    ;;
esac

SAFELOOP_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
SAFELOOP_PROFILE="$_safeloop_profile"
SAFELOOP_VAR="$SAFELOOP_ROOT/var/$SAFELOOP_PROFILE"
export SAFELOOP_ROOT SAFELOOP_PROFILE SAFELOOP_VAR
unset _safeloop_profile

# Port table from docs/CONVENTIONS.md: test = dev + 100 (except the HTTP port).
if [[ "$SAFELOOP_PROFILE" == dev ]]; then
  SAFELOOP_PG_PORT=55432
  SAFELOOP_REDIS_PORT=56379
  SAFELOOP_KAFKA_PORT=59092
  SAFELOOP_KAFKA_CONTROLLER_PORT=59093
  SAFELOOP_RISK_ADDR=127.0.0.1:50051
  SAFELOOP_RISK_METRICS_ADDR=127.0.0.1:9465
  SAFELOOP_PERSONNEL_ADDR=127.0.0.1:50052
  SAFELOOP_PERSONNEL_METRICS_ADDR=127.0.0.1:9466
  SAFELOOP_HTTP_ADDR=127.0.0.1:8080
  SAFELOOP_GATEWAY_METRICS_ADDR=127.0.0.1:9464
else
  SAFELOOP_PG_PORT=55532
  SAFELOOP_REDIS_PORT=56479
  SAFELOOP_KAFKA_PORT=59192
  SAFELOOP_KAFKA_CONTROLLER_PORT=59193
  SAFELOOP_RISK_ADDR=127.0.0.1:50151
  SAFELOOP_RISK_METRICS_ADDR=127.0.0.1:9565
  SAFELOOP_PERSONNEL_ADDR=127.0.0.1:50152
  SAFELOOP_PERSONNEL_METRICS_ADDR=127.0.0.1:9566
  SAFELOOP_HTTP_ADDR=127.0.0.1:18080
  SAFELOOP_GATEWAY_METRICS_ADDR=127.0.0.1:9564
fi
export SAFELOOP_PG_PORT SAFELOOP_REDIS_PORT SAFELOOP_KAFKA_PORT SAFELOOP_KAFKA_CONTROLLER_PORT
export SAFELOOP_RISK_ADDR SAFELOOP_RISK_METRICS_ADDR SAFELOOP_HTTP_ADDR SAFELOOP_GATEWAY_METRICS_ADDR
export SAFELOOP_PERSONNEL_ADDR SAFELOOP_PERSONNEL_METRICS_ADDR

# Variables read by the services (libs/core config).
export SAFELOOP_PG_URL="postgresql://safeloop@127.0.0.1:${SAFELOOP_PG_PORT}/safeloop"
export SAFELOOP_REDIS_ADDR="127.0.0.1:${SAFELOOP_REDIS_PORT}"
export SAFELOOP_KAFKA_BROKERS="127.0.0.1:${SAFELOOP_KAFKA_PORT}"
export SAFELOOP_JWT_ALG=EdDSA
export SAFELOOP_JWT_KEY_FILE="$SAFELOOP_VAR/secrets/jwt_ed25519.key"
export SAFELOOP_JWT_PUBLIC_KEY_FILE="$SAFELOOP_VAR/secrets/jwt_ed25519.pub"
export SAFELOOP_JWT_ISSUER=safeloop-local
export SAFELOOP_WEB_ROOT="$SAFELOOP_ROOT/services/gateway/web/dist"
# A caller may point the tools at another build tree (e.g. SAFELOOP_BUILD_DIR=$PWD/build-edge tools/stack start).
export SAFELOOP_BUILD_DIR="${SAFELOOP_BUILD_DIR:-$SAFELOOP_ROOT/build}"
# ccache across clones (CI builds a fresh clone on the same machine): paths relative to the checkout, and
# the working directory left out of the hash that -g would otherwise put in.
export CCACHE_BASEDIR="$SAFELOOP_ROOT" CCACHE_NOHASHDIR=true
export SAFELOOP_LOG_LEVEL="${SAFELOOP_LOG_LEVEL:-info}"
# The gateway edge (docs/CONVENTIONS.md, "Gateway edge"). The test profile trusts 127.0.0.1 as a proxy, so
# e2e tests simulate distinct clients with X-Forwarded-For (203.0.113.0/24) while the test runner itself, the
# "proxy", is never limited or blocked. The per-IP limits therefore only meet simulated clients; the
# per-account limits sit far above what the suite or tools/bench/gateway-load (one account at wrk speed) does.
# The dev profile uses the gateway's production defaults.
if [[ "$SAFELOOP_PROFILE" == test ]]; then
  export SAFELOOP_TRUSTED_PROXIES=127.0.0.1
  export SAFELOOP_RATE_IP_PER_S=20 SAFELOOP_RATE_IP_BURST=40
  export SAFELOOP_RATE_ACCOUNT_PER_S=1000000 SAFELOOP_RATE_ACCOUNT_BURST=1000000
  export SAFELOOP_RATE_LOGIN_PER_MIN=30
  export SAFELOOP_CORS_ORIGINS=https://console.safeloop.test
else
  unset SAFELOOP_TRUSTED_PROXIES SAFELOOP_RATE_IP_PER_S SAFELOOP_RATE_IP_BURST SAFELOOP_RATE_ACCOUNT_PER_S
  unset SAFELOOP_RATE_ACCOUNT_BURST SAFELOOP_RATE_LOGIN_PER_MIN SAFELOOP_CORS_ORIGINS
fi
# Convenience for tests and scripts (not read by the services).
export SAFELOOP_GATEWAY_URL="http://${SAFELOOP_HTTP_ADDR}"
export SAFELOOP_PG_SOCKET_DIR="$SAFELOOP_VAR/pg-socket"
export SAFELOOP_DEMO_TOKEN_FILE="$SAFELOOP_VAR/demo/token"
# Read by tests/browser (the token file is written by tools/up, or tools/stack start --seed).
export SAFELOOP_BROWSER_BASE_URL="$SAFELOOP_GATEWAY_URL"
export SAFELOOP_BROWSER_TOKEN_FILE="$SAFELOOP_DEMO_TOKEN_FILE"

# The demo tenant that safeloop-seed creates (fixed ids so tokens and bookmarks survive a re-seed).
export SAFELOOP_DEMO_ENTERPRISE=0190a1b2-0000-7000-8000-000000000001
export SAFELOOP_DEMO_PARK=0190a1b2-0000-7000-8000-0000000000a1
# The park's second enterprise, and the password of every demo account (a local demo, not a secret).
export SAFELOOP_DEMO_ENTERPRISE_2=0190a1b2-0000-7000-8000-000000000002
export SAFELOOP_DEMO_PASSWORD='Anquan@2026'
export SAFELOOP_DEMO_ACCOUNTS_FILE="$SAFELOOP_VAR/demo/accounts.json"

# Browser tests use Debian's chromium: the registries are the only network here, so npm packages
# must never try to download a browser of their own.
export SAFELOOP_CHROMIUM="${SAFELOOP_CHROMIUM:-/usr/bin/chromium}"
export CHROME_BIN="${CHROME_BIN:-$SAFELOOP_CHROMIUM}"
export PUPPETEER_SKIP_DOWNLOAD="${PUPPETEER_SKIP_DOWNLOAD:-1}"
export PUPPETEER_EXECUTABLE_PATH="${PUPPETEER_EXECUTABLE_PATH:-$SAFELOOP_CHROMIUM}"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD="${PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD:-1}"

# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------

# Prefix for progress lines; each entry script sets its own ("up", "test", "infra", "stack").
SAFELOOP_LOG_TAG="${SAFELOOP_LOG_TAG:-$(basename "${0:-safeloop}")}"

# log_step "msg" -> "[up] msg" on stdout.
log_step() { printf '[%s] %s\n' "$SAFELOOP_LOG_TAG" "$*"; }
# log_warn "msg" -> "[up] warning: msg" on stderr.
log_warn() { printf '[%s] warning: %s\n' "$SAFELOOP_LOG_TAG" "$*" >&2; }
# die "msg" -> "[up] error: msg" on stderr, exit 1.
die() {
  printf '[%s] error: %s\n' "$SAFELOOP_LOG_TAG" "$*" >&2
  exit 1
}

# safeloop_trap_errors: entry scripts call it so that a command failing under `set -e` outside
# of die() still says what failed and where, instead of ending the script silently.
safeloop_trap_errors() {
  set -o errtrace
  trap 'printf "[%s] error: \"%s\" failed (exit %s) at %s:%s\n" "$SAFELOOP_LOG_TAG" "$BASH_COMMAND" "$?" "${BASH_SOURCE[0]##*/}" "$LINENO" >&2' ERR
}

# Creates the per-profile state layout (var/<profile>/{log,run,...}).
safeloop_ensure_dirs() {
  mkdir -p "$SAFELOOP_VAR"/{log,run,secrets,demo}
  chmod 700 "$SAFELOOP_VAR/secrets"
}

# pid_alive PIDFILE [CMDLINE-SUBSTRING]: the pid in the file is alive and, when given, its command
# line contains the substring (guards against a stale pid file whose pid was reused after a reboot).
pid_alive() {
  local file="$1" want="${2:-}" pid cmdline
  [[ -s "$file" ]] || return 1
  read -r pid <"$file" || true
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  # A zombie (exited, not yet reaped) is not alive.
  [[ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" != Z ]] || return 1
  if [[ -n "$want" ]]; then
    cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)"
    [[ "$cmdline" == *"$want"* ]] || return 1
  fi
  return 0
}

# pid_of PIDFILE: prints the pid stored in the file (empty when none).
pid_of() {
  local pid=""
  [[ -s "$1" ]] && read -r pid <"$1"
  printf '%s' "$pid"
}

# wait_pid_exit PID SECONDS: waits until the process is gone; returns 1 on timeout.
wait_pid_exit() {
  local pid="$1" deadline=$((SECONDS + $2))
  while kill -0 "$pid" 2>/dev/null; do
    # A zombie child of ours counts as gone (it only waits for its parent to reap it).
    [[ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" == Z ]] && return 0
    ((SECONDS < deadline)) || return 1
    sleep 0.2
  done
  return 0
}

# tcp_open PORT: something accepts TCP connections on 127.0.0.1:PORT.
tcp_open() {
  timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null
}

# port_owner PORT: a short description of who listens on the port (for error messages).
port_owner() {
  if command -v ss >/dev/null 2>&1; then
    ss -Hltnp "sport = :$1" 2>/dev/null | sed -n 's/.*users:(\(.*\))/\1/p' | head -n 1
  fi
}

# http_ok URL: the URL answers 2xx within 3 s.
http_ok() {
  curl -fsS -o /dev/null --max-time 3 "$1" 2>/dev/null
}

# show_log_tail FILE [N]: prints the last lines of a log to stderr, framed, for failure messages.
show_log_tail() {
  local file="$1" n="${2:-40}"
  if [[ -f "$file" ]]; then
    printf -- '----- last %s lines of %s -----\n' "$n" "$file" >&2
    tail -n "$n" "$file" >&2
    printf -- '----- end of %s -----\n' "$file" >&2
  else
    printf '(no log file at %s)\n' "$file" >&2
  fi
}

# safeloop_lock: serialises tools/{up,test,infra,stack} per profile (e.g. a ctest fixture calling
# tools/stack while someone runs tools/up --stop). Nested calls from a script that holds the lock
# see SAFELOOP_LOCK_HELD and skip it. The lock fd must never leak into daemons (it would hold the
# lock for their lifetime): spawn them through without_lock_fd.
safeloop_lock() {
  [[ "${SAFELOOP_LOCK_HELD:-}" == "$SAFELOOP_PROFILE" ]] && return 0
  mkdir -p "$SAFELOOP_VAR/run"
  exec {SAFELOOP_LOCK_FD}>>"$SAFELOOP_VAR/run/tools.lock"
  if ! flock -n "$SAFELOOP_LOCK_FD"; then
    log_step "waiting for another SafeLoop tool using the $SAFELOOP_PROFILE profile to finish …"
    flock -w 900 "$SAFELOOP_LOCK_FD" || die "could not lock $SAFELOOP_VAR/run/tools.lock within 15 min"
  fi
  export SAFELOOP_LOCK_HELD="$SAFELOOP_PROFILE" SAFELOOP_LOCK_FD
}

# safeloop_unlock: releases the lock early (tools/test does so before ctest runs the fixtures).
safeloop_unlock() {
  if [[ -n "${SAFELOOP_LOCK_FD:-}" && "${SAFELOOP_LOCK_HELD:-}" == "$SAFELOOP_PROFILE" ]]; then
    exec {SAFELOOP_LOCK_FD}>&-
  fi
  unset SAFELOOP_LOCK_HELD SAFELOOP_LOCK_FD
}

# close_lock_fd: for a background subshell that execs a daemon: `( close_lock_fd; exec daemon ) &`.
close_lock_fd() {
  if [[ -n "${SAFELOOP_LOCK_FD:-}" ]]; then
    exec {SAFELOOP_LOCK_FD}>&-
  fi
  unset SAFELOOP_LOCK_HELD SAFELOOP_LOCK_FD
}

# without_lock_fd CMD ARGS…: runs a foreground CMD that forks a daemon (pg_ctl, redis-server)
# with the lock fd closed.
without_lock_fd() {
  if [[ -n "${SAFELOOP_LOCK_FD:-}" ]]; then
    "$@" {SAFELOOP_LOCK_FD}>&-
  else
    "$@"
  fi
}
