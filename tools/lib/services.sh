# shellcheck shell=bash
# SafeLoop's own services for one profile, shared by tools/up (dev) and tools/stack (test).
# Needs tools/lib/env.sh and tools/lib/supervise.sh sourced first. The binaries come from the
# CMake build in $SAFELOOP_BUILD_DIR; this file never builds anything.

SAFELOOP_SERVICES=(safeloop-personnel safeloop-risk safeloop-gateway)
SAFELOOP_PERSONNEL_BIN="$SAFELOOP_BUILD_DIR/services/personnel/safeloop-personnel"
SAFELOOP_RISK_BIN="$SAFELOOP_BUILD_DIR/services/risk/safeloop-risk"
SAFELOOP_GATEWAY_BIN="$SAFELOOP_BUILD_DIR/services/gateway/safeloop-gateway"
SAFELOOP_TOKEN_BIN="$SAFELOOP_BUILD_DIR/tools/token/safeloop-token"
SAFELOOP_SEED_BIN="$SAFELOOP_BUILD_DIR/tools/seed/safeloop-seed"

# require_binary PATH WHAT: fail clearly when the build did not produce a binary we need.
require_binary() {
  [[ -x "$1" ]] && return 0
  die "$2 not found at ${1#"$SAFELOOP_ROOT"/} — the build did not produce it (is its target in CMakeLists.txt? run 'cmake --build build' and check the output)"
}

# gateway_healthy: GET /healthz on this profile's gateway answers 2xx.
gateway_healthy() {
  http_ok "$SAFELOOP_GATEWAY_URL/healthz"
}

# services_running: every service's supervisor and child are alive.
services_running() {
  local s
  for s in "${SAFELOOP_SERVICES[@]}"; do
    supervise_running "$s" && _sv_child_alive "$s" || return 1
  done
}

# ensure_jwt_keys: Ed25519 key pair (libsodium format, hex) for signing and verifying tokens.
ensure_jwt_keys() {
  if [[ -s "$SAFELOOP_JWT_KEY_FILE" && -s "$SAFELOOP_JWT_PUBLIC_KEY_FILE" ]]; then
    return 0
  fi
  require_binary "$SAFELOOP_TOKEN_BIN" "safeloop-token (JWT key and token tool)"
  safeloop_ensure_dirs
  log_step "generating the Ed25519 JWT key pair in ${SAFELOOP_VAR#"$SAFELOOP_ROOT"/}/secrets"
  "$SAFELOOP_TOKEN_BIN" keygen --out-dir "$SAFELOOP_VAR/secrets" ||
    die "safeloop-token keygen --out-dir $SAFELOOP_VAR/secrets failed"
  [[ -s "$SAFELOOP_JWT_KEY_FILE" && -s "$SAFELOOP_JWT_PUBLIC_KEY_FILE" ]] ||
    die "safeloop-token keygen did not write $SAFELOOP_JWT_KEY_FILE and $SAFELOOP_JWT_PUBLIC_KEY_FILE"
  chmod 600 "$SAFELOOP_JWT_KEY_FILE"
}

# Log size when each service was (re)started by us: crashes are counted after that point only.
declare -A _SERVICE_LOG_OFFSET=()

# _service_abort NAME MSG: shows the service's log, stops it (a service that failed to come up is
# not left restarting in the background), and fails with MSG.
_service_abort() {
  show_log_tail "$SAFELOOP_VAR/log/$1.log" 40
  supervise_stop "$1" >/dev/null 2>&1 || true
  die "$2; see $SAFELOOP_VAR/log/$1.log (the service was stopped)"
}

# _service_fail_if_crashlooping NAME: a service that exited 3 times since we started it will not
# come up by waiting longer; fail now with its log instead of after the full timeout.
_service_fail_if_crashlooping() {
  local name="$1" n
  n="$(tail -c "+$((${_SERVICE_LOG_OFFSET[$name]:-0} + 1))" "$SAFELOOP_VAR/log/$name.log" 2>/dev/null |
    grep -c "^\[supervisor\] $name exited with code" || true)"
  if ((n >= 3)); then
    _service_abort "$name" "$name exited $n times since it was started (crash loop)"
  fi
}

# _service_start NAME BINARY METRICS_ADDR: starts NAME under the supervisor; if it already runs
# from an older binary (rebuilt since it started), restarts it so the new code is what runs.
_service_start() {
  local name="$1" bin="$2" metrics="$3"
  _SERVICE_LOG_OFFSET[$name]="$(stat -c %s "$SAFELOOP_VAR/log/$name.log" 2>/dev/null || echo 0)"
  if supervise_running "$name"; then
    if [[ "$bin" -nt "$SAFELOOP_VAR/run/$name.supervisor.pid" ]]; then
      log_step "$name was rebuilt since it started; restarting it"
      supervise_stop "$name"
    else
      log_step "$name already running (pid $(pid_of "$SAFELOOP_VAR/run/$name.pid"))"
      return 0
    fi
  fi
  log_step "starting $name …"
  supervise_start "$name" -- env SAFELOOP_METRICS_ADDR="$metrics" "$bin"
}

# _wait_tcp NAME HOST:PORT SECONDS: waits for a service's port while its child stays alive.
_wait_tcp() {
  local name="$1" port="${2##*:}" timeout="$3" deadline
  deadline=$((SECONDS + timeout))
  until tcp_open "$port"; do
    _service_fail_if_crashlooping "$name"
    if ((SECONDS >= deadline)); then
      _service_abort "$name" "$name did not listen on $2 within ${timeout}s"
    fi
    sleep 0.3
  done
}

# services_start: keys, then personnel and risk (each waited for on its gRPC port, so migrations are
# done before the gateway's start), then the gateway, then waits for GET /healthz (60 s).
services_start() {
  require_binary "$SAFELOOP_PERSONNEL_BIN" "safeloop-personnel"
  require_binary "$SAFELOOP_RISK_BIN" "safeloop-risk"
  require_binary "$SAFELOOP_GATEWAY_BIN" "safeloop-gateway"
  ensure_jwt_keys
  safeloop_ensure_dirs

  _service_start safeloop-personnel "$SAFELOOP_PERSONNEL_BIN" "$SAFELOOP_PERSONNEL_METRICS_ADDR"
  _wait_tcp safeloop-personnel "$SAFELOOP_PERSONNEL_ADDR" 60
  _service_start safeloop-risk "$SAFELOOP_RISK_BIN" "$SAFELOOP_RISK_METRICS_ADDR"
  _wait_tcp safeloop-risk "$SAFELOOP_RISK_ADDR" 60
  # The gateway reads SAFELOOP_PG_URL too (its own schema: IP blocklist, audit log; migrated at its start) and
  # the edge settings env.sh sets per profile (SAFELOOP_TRUSTED_PROXIES, SAFELOOP_RATE_*, SAFELOOP_CORS_ORIGINS).
  _service_start safeloop-gateway "$SAFELOOP_GATEWAY_BIN" "$SAFELOOP_GATEWAY_METRICS_ADDR"

  log_step "waiting for the gateway: GET $SAFELOOP_GATEWAY_URL/healthz …"
  local deadline=$((SECONDS + 60))
  until gateway_healthy; do
    _service_fail_if_crashlooping safeloop-gateway
    if ((SECONDS >= deadline)); then
      _service_abort safeloop-gateway "the gateway did not answer GET /healthz within 60 s"
    fi
    sleep 0.5
  done
  log_step "gateway healthy at $SAFELOOP_GATEWAY_URL"
}

# services_stop: gateway first (it calls the others), then risk and personnel.
services_stop() {
  supervise_stop safeloop-gateway
  supervise_stop safeloop-risk
  supervise_stop safeloop-personnel
}

# issue_demo_token: writes $SAFELOOP_DEMO_TOKEN_FILE (admin of the demo tenant, 30 days).
# The demo token is reissued when missing, older than 20 days (TTL 30 d), older than the keys, or older
# than the token tool (a rebuilt tool may write claims an older token lacks).
issue_demo_token() {
  local token="$SAFELOOP_DEMO_TOKEN_FILE"
  if [[ -s "$token" && "$token" -nt "$SAFELOOP_JWT_KEY_FILE" && "$token" -nt "$SAFELOOP_TOKEN_BIN" ]] &&
    [[ -z "$(find "$token" -mtime +20 2>/dev/null)" ]]; then
    return 0
  fi
  require_binary "$SAFELOOP_TOKEN_BIN" "safeloop-token (JWT key and token tool)"
  log_step "issuing the demo admin token (30 days) into ${token#"$SAFELOOP_ROOT"/}"
  mkdir -p "$(dirname "$token")"
  (
    umask 077
    "$SAFELOOP_TOKEN_BIN" issue --sub demo-admin --enterprise "$SAFELOOP_DEMO_ENTERPRISE" \
      --park "$SAFELOOP_DEMO_PARK" --role admin --ttl 30d >"$token.tmp"
  ) || {
    rm -f "$token.tmp"
    die "safeloop-token issue failed"
  }
  # A JWT is three base64url parts; anything else would only confuse whoever pastes it.
  grep -Eq '^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$' "$token.tmp" ||
    die "safeloop-token issue did not print a JWT on stdout (got: $(head -c 200 "$token.tmp"))"
  mv "$token.tmp" "$token"
}

# _personnel_admin ARGS…: runs a safeloop-personnel admin subcommand (schema owner; idempotent).
_personnel_admin() {
  "$SAFELOOP_PERSONNEL_BIN" "$@" </dev/null >>"$SAFELOOP_VAR/log/seed.log" 2>&1 ||
    {
      show_log_tail "$SAFELOOP_VAR/log/seed.log" 20
      die "safeloop-personnel $1 failed; see $SAFELOOP_VAR/log/seed.log"
    }
}

# seed_demo_plant: the demo park (two enterprises, a regulator) and its plant. The tenants and their first
# administrators come from safeloop-personnel's bootstrap commands (there is nobody to log in as before
# them); everything else goes through the services' APIs in safeloop-seed. Idempotent.
seed_demo_plant() {
  require_binary "$SAFELOOP_SEED_BIN" "safeloop-seed (demo plant seeder)"
  require_binary "$SAFELOOP_PERSONNEL_BIN" "safeloop-personnel"
  local log="$SAFELOOP_VAR/log/seed.log" park_name="沧州临港化工园区"
  mkdir -p "$(dirname "$SAFELOOP_DEMO_ACCOUNTS_FILE")"
  log_step "seeding the demo park (enterprises $SAFELOOP_DEMO_ENTERPRISE, $SAFELOOP_DEMO_ENTERPRISE_2) …"
  printf '\n=== %s %s: seed ===\n' "$(date '+%F %T')" "$SAFELOOP_LOG_TAG" >>"$log"
  _personnel_admin bootstrap-tenant --park-id "$SAFELOOP_DEMO_PARK" --park-name "$park_name" \
    --park-region "河北省沧州市" --enterprise-id "$SAFELOOP_DEMO_ENTERPRISE" --enterprise-name "沧州安源化工有限公司" \
    --credit-code 91130931MA0DEM001X --hazchem-code 130930001
  _personnel_admin bootstrap-tenant --park-id "$SAFELOOP_DEMO_PARK" --park-name "$park_name" \
    --enterprise-id "$SAFELOOP_DEMO_ENTERPRISE_2" --enterprise-name "临港精细化工有限公司" \
    --credit-code 91130931MA0DEM0021 --hazchem-code 130930002
  _personnel_admin bootstrap-account --enterprise "$SAFELOOP_DEMO_ENTERPRISE" --username demo.admin \
    --password "$SAFELOOP_DEMO_PASSWORD" --name 张伟 --gender male --role admin
  _personnel_admin bootstrap-account --enterprise "$SAFELOOP_DEMO_ENTERPRISE_2" --username linggang.admin \
    --password "$SAFELOOP_DEMO_PASSWORD" --name 马丽 --gender female --role admin
  _personnel_admin bootstrap-account --park "$SAFELOOP_DEMO_PARK" --username park.supervisor \
    --password "$SAFELOOP_DEMO_PASSWORD" --name 园区监管员 --gender male --role park_supervisor
  if ! "$SAFELOOP_SEED_BIN" </dev/null >>"$log" 2>&1; then
    show_log_tail "$log" 30
    die "safeloop-seed failed; see $log"
  fi
  log_step "demo park ready; accounts in ${SAFELOOP_DEMO_ACCOUNTS_FILE#"$SAFELOOP_ROOT"/} (seed log: ${log#"$SAFELOOP_ROOT"/})"
}

