# shellcheck shell=bash
# Redis for one profile: redis_start, redis_stop, redis_running.
# Needs tools/lib/env.sh sourced first. Config/dir: $SAFELOOP_VAR/redis, log: log/redis.log,
# pid: run/redis.pid. Redis holds only rebuildable state here (DESIGN.md §1), so no persistence.

REDIS_HOME="$SAFELOOP_VAR/redis"
REDIS_CONF="$REDIS_HOME/redis.conf"
REDIS_LOG="$SAFELOOP_VAR/log/redis.log"
REDIS_PIDFILE="$SAFELOOP_VAR/run/redis.pid"

_redis_cli() {
  redis-cli -h 127.0.0.1 -p "$SAFELOOP_REDIS_PORT" "$@"
}

# redis_running: our redis-server (pid file + command line naming our port) answers PING.
redis_running() {
  pid_alive "$REDIS_PIDFILE" "redis-server 127.0.0.1:$SAFELOOP_REDIS_PORT" || return 1
  [[ "$(_redis_cli ping 2>/dev/null)" == PONG ]]
}

# Regenerated on every start so the profile's port and absolute paths follow the checkout.
_redis_write_conf() {
  mkdir -p "$REDIS_HOME" "$SAFELOOP_VAR/log" "$SAFELOOP_VAR/run"
  cat >"$REDIS_CONF" <<EOF
# Written by tools/lib/redis.sh for profile $SAFELOOP_PROFILE; changes are overwritten.
bind 127.0.0.1
protected-mode yes
port $SAFELOOP_REDIS_PORT
daemonize yes
pidfile $REDIS_PIDFILE
logfile $REDIS_LOG
loglevel notice
dir $REDIS_HOME
appendonly no
save ""
EOF
}

redis_start() {
  if redis_running; then
    log_step "Redis already running on 127.0.0.1:$SAFELOOP_REDIS_PORT (pid $(pid_of "$REDIS_PIDFILE"))"
    return 0
  fi
  command -v redis-server >/dev/null 2>&1 || die "redis-server not found; run tools/up (installs redis-server)"
  if tcp_open "$SAFELOOP_REDIS_PORT"; then
    die "port $SAFELOOP_REDIS_PORT is already in use by another process ($(port_owner "$SAFELOOP_REDIS_PORT")); cannot start Redis for profile $SAFELOOP_PROFILE"
  fi
  _redis_write_conf
  rm -f "$REDIS_PIDFILE"
  log_step "starting Redis on 127.0.0.1:$SAFELOOP_REDIS_PORT …"
  without_lock_fd redis-server "$REDIS_CONF" </dev/null >>"$REDIS_LOG" 2>&1 ||
    {
      show_log_tail "$REDIS_LOG" 20
      die "redis-server failed to start"
    }
  local deadline=$((SECONDS + 20))
  until redis_running; do
    if ((SECONDS >= deadline)); then
      show_log_tail "$REDIS_LOG" 20
      die "Redis did not answer PING within 20 s; see $REDIS_LOG"
    fi
    sleep 0.2
  done
  log_step "Redis ready on 127.0.0.1:$SAFELOOP_REDIS_PORT (pid $(pid_of "$REDIS_PIDFILE"))"
}

redis_stop() {
  if ! pid_alive "$REDIS_PIDFILE" "redis-server 127.0.0.1:$SAFELOOP_REDIS_PORT"; then
    rm -f "$REDIS_PIDFILE"
    log_step "Redis not running"
    return 0
  fi
  local pid
  pid="$(pid_of "$REDIS_PIDFILE")"
  log_step "stopping Redis (pid $pid) …"
  # SIGTERM makes redis-server shut down cleanly (no save: `save ""`).
  kill -TERM "$pid" 2>/dev/null || true
  if ! wait_pid_exit "$pid" 15; then
    log_warn "Redis did not stop within 15 s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    wait_pid_exit "$pid" 5 || die "Redis (pid $pid) survived SIGKILL"
  fi
  rm -f "$REDIS_PIDFILE"
  log_step "Redis stopped"
}
