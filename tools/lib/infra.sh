# shellcheck shell=bash
# PostgreSQL + Redis + Kafka for one profile, as one unit: infra_start, infra_stop, infra_running,
# infra_status. Sourced after tools/lib/env.sh; pulls in the per-component libraries.

# shellcheck source=tools/lib/postgres.sh
source "$SAFELOOP_ROOT/tools/lib/postgres.sh"
# shellcheck source=tools/lib/redis.sh
source "$SAFELOOP_ROOT/tools/lib/redis.sh"
# shellcheck source=tools/lib/kafka.sh
source "$SAFELOOP_ROOT/tools/lib/kafka.sh"

infra_running() {
  pg_running && redis_running && kafka_running && tcp_open "$SAFELOOP_KAFKA_PORT"
}

infra_start() {
  safeloop_ensure_dirs
  if infra_running; then
    log_step "infrastructure ($SAFELOOP_PROFILE) already up: PostgreSQL :$SAFELOOP_PG_PORT, Redis :$SAFELOOP_REDIS_PORT, Kafka :$SAFELOOP_KAFKA_PORT — nothing changed"
    return 0
  fi
  # The broker's JVM is the slowest to come up: launch it first, start the others meanwhile.
  local kafka_launched=0
  if ! kafka_running; then
    kafka_start --no-wait
    kafka_launched=1
  else
    log_step "Kafka already running on 127.0.0.1:$SAFELOOP_KAFKA_PORT"
  fi
  pg_start
  redis_start
  ((kafka_launched)) && kafka_wait_ready 60
  log_step "infrastructure ($SAFELOOP_PROFILE) up"
}

# Reverse order of dependencies; each stop is a no-op when the component is not running.
infra_stop() {
  kafka_stop
  redis_stop
  pg_stop
}

# infra_status: a table; returns 0 when all three run.
infra_status() {
  local rc=0 state
  printf '%-12s %-18s %s\n' COMPONENT ADDRESS STATE
  if pg_running; then state="running (pid $(head -n 1 "$PG_DATA/postmaster.pid" 2>/dev/null))"; else state=stopped rc=1; fi
  printf '%-12s %-18s %s\n' postgresql "127.0.0.1:$SAFELOOP_PG_PORT" "$state"
  if redis_running; then state="running (pid $(pid_of "$REDIS_PIDFILE"))"; else state=stopped rc=1; fi
  printf '%-12s %-18s %s\n' redis "127.0.0.1:$SAFELOOP_REDIS_PORT" "$state"
  if kafka_running; then
    if tcp_open "$SAFELOOP_KAFKA_PORT"; then state="running (pid $(pid_of "$KAFKA_PIDFILE"))"; else state="starting (pid $(pid_of "$KAFKA_PIDFILE"))" rc=1; fi
  else
    state=stopped rc=1
  fi
  printf '%-12s %-18s %s\n' kafka "127.0.0.1:$SAFELOOP_KAFKA_PORT" "$state"
  return "$rc"
}
