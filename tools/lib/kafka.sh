# shellcheck shell=bash
# Single-node Kafka 3.9 (KRaft) from Maven jars: kafka_start, kafka_stop, kafka_running.
# Needs tools/lib/env.sh sourced first. Jars: deploy/local/pom.xml -> deploy/local/kafka-libs/
# (gitignored). State: $SAFELOOP_VAR/kafka/{data,cluster.id,server.properties,log4j.properties},
# log: $SAFELOOP_VAR/log/kafka.log, pid: $SAFELOOP_VAR/run/kafka.pid.

KAFKA_LOCAL_DIR="$SAFELOOP_ROOT/deploy/local"
KAFKA_LIBS="$KAFKA_LOCAL_DIR/kafka-libs"
KAFKA_HOME="$SAFELOOP_VAR/kafka"
KAFKA_DATA="$KAFKA_HOME/data"
KAFKA_PROPS="$KAFKA_HOME/server.properties"
KAFKA_LOG4J="$KAFKA_HOME/log4j.properties"
KAFKA_LOG="$SAFELOOP_VAR/log/kafka.log"
KAFKA_PIDFILE="$SAFELOOP_VAR/run/kafka.pid"
# Small heap on purpose: the 2-core box also runs PostgreSQL, Redis and the services.
KAFKA_HEAP_OPTS="${SAFELOOP_KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}"
# The G1 flags kafka-run-class.sh uses, minus its GC log; no hsperfdata files in /tmp.
KAFKA_JVM_OPTS=(-XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35
  -XX:+ExplicitGCInvokesConcurrent -XX:+ExitOnOutOfMemoryError -XX:-UsePerfData
  -Djava.awt.headless=true)

# kafka_ensure_libs: resolves the broker's jars with Maven once. A stamp holding the pom's hash
# makes a pom change (e.g. a version bump) re-resolve, and a half-finished copy never counts.
kafka_ensure_libs() {
  local stamp="$KAFKA_LIBS/.pom.sha256" want
  want="$(sha256sum "$KAFKA_LOCAL_DIR/pom.xml" | cut -d' ' -f1)"
  if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]] && compgen -G "$KAFKA_LIBS/kafka_2.13-*.jar" >/dev/null; then
    return 0
  fi
  command -v mvn >/dev/null 2>&1 || die "mvn not found (needed once to fetch the Kafka jars); run tools/up or apt-get install maven"
  log_step "fetching the Kafka broker jars with Maven into deploy/local/kafka-libs …"
  local tmp="$KAFKA_LIBS.tmp.$$"
  rm -rf "$tmp"
  if ! mvn -q -B -f "$KAFKA_LOCAL_DIR/pom.xml" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$tmp" >"$tmp.log" 2>&1; then
    cat "$tmp.log" >&2
    rm -rf "$tmp" "$tmp.log"
    die "mvn dependency:copy-dependencies failed for deploy/local/pom.xml"
  fi
  rm -f "$tmp.log"
  printf '%s\n' "$want" >"$tmp/.pom.sha256"
  rm -rf "$KAFKA_LIBS"
  mv "$tmp" "$KAFKA_LIBS"
  log_step "Kafka jars ready ($(find "$KAFKA_LIBS" -name '*.jar' | wc -l) jars)"
}

# kafka_running: our broker for this profile is alive (pid file + command line check).
kafka_running() {
  pid_alive "$KAFKA_PIDFILE" "$KAFKA_PROPS"
}

_kafka_java() {
  java "${KAFKA_JVM_OPTS[@]}" -Dlog4j.configuration="file:$KAFKA_LOG4J" \
    -Dkafka.logs.dir="$SAFELOOP_VAR/log" -cp "$KAFKA_LIBS/*" "$@"
}

# Rendered on every start so a template change or a moved checkout takes effect.
_kafka_render_config() {
  sed -e "s|@BROKER_PORT@|$SAFELOOP_KAFKA_PORT|g" \
    -e "s|@CONTROLLER_PORT@|$SAFELOOP_KAFKA_CONTROLLER_PORT|g" \
    -e "s|@DATA_DIR@|$KAFKA_DATA|g" \
    "$KAFKA_LOCAL_DIR/kafka/server.properties.in" >"$KAFKA_PROPS.tmp"
  mv "$KAFKA_PROPS.tmp" "$KAFKA_PROPS"
  sed -e "s|@LOG_FILE@|$KAFKA_LOG|g" "$KAFKA_LOCAL_DIR/kafka/log4j.properties.in" >"$KAFKA_LOG4J.tmp"
  mv "$KAFKA_LOG4J.tmp" "$KAFKA_LOG4J"
}

# Formats the KRaft storage once. The cluster id lives in kafka/cluster.id so a re-format after
# wiping data/ keeps the same id; if data/ is already formatted its id wins.
_kafka_format_once() {
  local idfile="$KAFKA_HOME/cluster.id" id
  if [[ -f "$KAFKA_DATA/meta.properties" ]]; then
    if [[ ! -s "$idfile" ]]; then
      sed -n 's/^cluster\.id=//p' "$KAFKA_DATA/meta.properties" >"$idfile"
    fi
    return 0
  fi
  if [[ ! -s "$idfile" ]]; then
    id="$(_kafka_java kafka.tools.StorageTool random-uuid 2>>"$KAFKA_LOG" | tail -n 1)"
    [[ "$id" =~ ^[A-Za-z0-9_-]{22}$ ]] || die "kafka StorageTool random-uuid printed '$id'"
    printf '%s\n' "$id" >"$idfile"
  fi
  read -r id <"$idfile"
  log_step "formatting Kafka storage in $KAFKA_DATA (cluster id $id)"
  if ! _kafka_java kafka.tools.StorageTool format -t "$id" -c "$KAFKA_PROPS" -g >>"$KAFKA_LOG" 2>&1; then
    show_log_tail "$KAFKA_LOG" 20
    die "kafka StorageTool format failed"
  fi
}

# kafka_start [--no-wait]: starts the broker if it is not running. With --no-wait it returns
# right after launching (call kafka_wait_ready later) so PostgreSQL/Redis can start meanwhile.
kafka_start() {
  local wait=1
  [[ "${1:-}" == --no-wait ]] && wait=0
  if kafka_running; then
    log_step "Kafka already running on 127.0.0.1:$SAFELOOP_KAFKA_PORT (pid $(pid_of "$KAFKA_PIDFILE"))"
    return 0
  fi
  local port
  for port in "$SAFELOOP_KAFKA_PORT" "$SAFELOOP_KAFKA_CONTROLLER_PORT"; do
    if tcp_open "$port"; then
      die "port $port is already in use by another process ($(port_owner "$port")); cannot start Kafka for profile $SAFELOOP_PROFILE"
    fi
  done
  command -v java >/dev/null 2>&1 || die "java not found; run tools/up or apt-get install openjdk-17-jre-headless"
  kafka_ensure_libs
  mkdir -p "$KAFKA_DATA" "$SAFELOOP_VAR/log" "$SAFELOOP_VAR/run"
  _kafka_render_config
  _kafka_format_once

  log_step "starting Kafka on 127.0.0.1:$SAFELOOP_KAFKA_PORT (controller $SAFELOOP_KAFKA_CONTROLLER_PORT) …"
  # Only log lines written after this offset count as "started" for this run.
  KAFKA_LOG_OFFSET="$(stat -c %s "$KAFKA_LOG" 2>/dev/null || echo 0)"
  printf '[%s] [safeloop] starting broker (profile %s)\n' "$(date '+%F %T')" "$SAFELOOP_PROFILE" >>"$KAFKA_LOG"
  # setsid: own session, so a Ctrl-C in the terminal that ran tools/up does not reach the broker.
  # The subshell is not a group leader, so setsid execs in place and $! is the JVM's pid.
  (
    close_lock_fd
    cd "$KAFKA_HOME" || exit 1
    # shellcheck disable=SC2086 # KAFKA_HEAP_OPTS is a list of JVM flags
    exec setsid nohup java $KAFKA_HEAP_OPTS "${KAFKA_JVM_OPTS[@]}" \
      -Dlog4j.configuration="file:$KAFKA_LOG4J" -Dkafka.logs.dir="$SAFELOOP_VAR/log" \
      -cp "$KAFKA_LIBS/*" kafka.Kafka "$KAFKA_PROPS"
  ) </dev/null >>"$KAFKA_LOG" 2>&1 &
  echo "$!" >"$KAFKA_PIDFILE"
  ((wait)) && kafka_wait_ready 60
  return 0
}

# kafka_wait_ready [SECONDS]: waits for the TCP port and the broker's "started" log line.
kafka_wait_ready() {
  local timeout="${1:-60}" deadline pid
  deadline=$((SECONDS + timeout))
  pid="$(pid_of "$KAFKA_PIDFILE")"
  while :; do
    if ! kafka_running; then
      show_log_tail "$KAFKA_LOG" 40
      rm -f "$KAFKA_PIDFILE"
      die "Kafka (pid $pid) exited during start-up; see $KAFKA_LOG"
    fi
    if tcp_open "$SAFELOOP_KAFKA_PORT" &&
      tail -c "+$((${KAFKA_LOG_OFFSET:-0} + 1))" "$KAFKA_LOG" 2>/dev/null | grep -q 'Kafka Server started'; then
      log_step "Kafka ready on 127.0.0.1:$SAFELOOP_KAFKA_PORT (pid $pid)"
      return 0
    fi
    if ((SECONDS >= deadline)); then
      show_log_tail "$KAFKA_LOG" 40
      die "Kafka did not become ready within ${timeout}s (pid $pid still running; stop it with tools/infra stop --profile $SAFELOOP_PROFILE)"
    fi
    sleep 0.5
  done
}

# kafka_stop: SIGTERM (controlled shutdown), SIGKILL after 30 s.
kafka_stop() {
  if ! kafka_running; then
    rm -f "$KAFKA_PIDFILE"
    log_step "Kafka not running"
    return 0
  fi
  local pid
  pid="$(pid_of "$KAFKA_PIDFILE")"
  log_step "stopping Kafka (pid $pid) …"
  kill -TERM "$pid" 2>/dev/null || true
  if ! wait_pid_exit "$pid" 30; then
    log_warn "Kafka did not stop within 30 s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    wait_pid_exit "$pid" 10 || die "Kafka (pid $pid) survived SIGKILL"
  fi
  rm -f "$KAFKA_PIDFILE"
  log_step "Kafka stopped"
}
