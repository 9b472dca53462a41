# shellcheck shell=bash
# A small supervisor for SafeLoop's own service processes (no systemd in containers or CI).
#   supervise_start NAME -- CMD ARGS…   run CMD in the background, restart it when it exits
#   supervise_stop NAME                 SIGTERM to the supervisor -> forwarded to CMD, 15 s grace
#   supervise_running NAME              0 when the supervisor of NAME is alive
#   supervise_status [NAME…]            table of names, pids and states
# Sourced after tools/lib/env.sh. Files: $SAFELOOP_VAR/run/NAME.supervisor.pid (the loop),
# run/NAME.pid (the current child), log/NAME.log (child output and [supervisor] lines).
# This file is also the loop itself: `bash supervise.sh __loop NAME LOG RUNDIR -- CMD…`.

SUPERVISE_SCRIPT="${BASH_SOURCE[0]}"

# ----------------------------------------------------------------------------------------------
# The loop (runs in its own session, started by supervise_start)
# ----------------------------------------------------------------------------------------------
_SV_NAME="" _SV_LOG="" _SV_CHILD=0 _SV_SLEEPER=0 _SV_PIDFILE="" _SV_CHILD_PIDFILE=""

_sv_say() { printf '[supervisor] %s\n' "$*" >>"$_SV_LOG"; }

# A child that already exited stays a zombie until we reap it, and kill -0 still succeeds on
# zombies, so check the process state too.
_sv_alive() {
  kill -0 "$1" 2>/dev/null && [[ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" != Z ]]
}

# SIGTERM/SIGINT handler of the loop: forward SIGTERM, give the child 15 s, then SIGKILL.
# shellcheck disable=SC2317 # invoked by trap
_sv_terminate() {
  trap - TERM INT
  ((_SV_SLEEPER > 0)) && { kill "$_SV_SLEEPER" 2>/dev/null || true; }
  _sv_say "$(date '+%F %T') stopping $_SV_NAME (SIGTERM to pid $_SV_CHILD)"
  if ((_SV_CHILD > 0)) && _sv_alive "$_SV_CHILD"; then
    kill -TERM "$_SV_CHILD" 2>/dev/null || true
    local i
    for ((i = 0; i < 75; i++)); do
      _sv_alive "$_SV_CHILD" || break
      sleep 0.2
    done
    if _sv_alive "$_SV_CHILD"; then
      _sv_say "$_SV_NAME did not exit within 15 s; sending SIGKILL"
      kill -KILL "$_SV_CHILD" 2>/dev/null || true
    fi
    wait "$_SV_CHILD" 2>/dev/null || true
  fi
  rm -f "$_SV_CHILD_PIDFILE" "$_SV_PIDFILE"
  _sv_say "$_SV_NAME stopped"
  exit 0
}

_supervise_loop() {
  _SV_NAME="$1" _SV_LOG="$2"
  _SV_PIDFILE="$3/$1.supervisor.pid" _SV_CHILD_PIDFILE="$3/$1.pid"
  shift 3
  [[ "${1:-}" == -- ]] && shift
  local rc=0 delay=1 started
  trap _sv_terminate TERM INT

  echo "$$" >"$_SV_PIDFILE"
  while :; do
    started=$SECONDS
    _sv_say "$(date '+%F %T') starting $_SV_NAME: $*"
    "$@" </dev/null >>"$_SV_LOG" 2>&1 &
    _SV_CHILD=$!
    echo "$_SV_CHILD" >"$_SV_CHILD_PIDFILE"
    # A trapped SIGTERM interrupts `wait`; the trap then stops the child and exits.
    rc=0
    wait "$_SV_CHILD" || rc=$?
    rm -f "$_SV_CHILD_PIDFILE"
    # A run that lasted 30 s or more was healthy: restart fast. Otherwise back off 1,2,4,8,10,10…
    ((SECONDS - started >= 30)) && delay=1
    _sv_say "$_SV_NAME exited with code $rc, restarting in ${delay}s"
    sleep "$delay" &
    _SV_SLEEPER=$!
    wait "$_SV_SLEEPER" || true
    _SV_SLEEPER=0
    delay=$((delay * 2 > 10 ? 10 : delay * 2))
  done
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -euo pipefail
  [[ "${1:-}" == __loop ]] || {
    echo "usage: source tools/lib/supervise.sh (this file runs directly only as the supervisor loop)" >&2
    exit 2
  }
  shift
  _supervise_loop "$@"
  exit 0
fi

# ----------------------------------------------------------------------------------------------
# Control functions (sourced)
# ----------------------------------------------------------------------------------------------
_sv_run() { printf '%s/run' "$SAFELOOP_VAR"; }

supervise_running() {
  pid_alive "$(_sv_run)/$1.supervisor.pid" "supervise.sh __loop $1 "
}

# _sv_child_alive NAME: the child recorded for NAME is alive and belongs to its supervisor's
# session (setsid made the supervisor a session leader), which rules out a reused pid.
_sv_child_alive() {
  local name="$1" child sup sid
  child="$(pid_of "$(_sv_run)/$name.pid")"
  sup="$(pid_of "$(_sv_run)/$name.supervisor.pid")"
  [[ -n "$child" && -n "$sup" ]] || return 1
  kill -0 "$child" 2>/dev/null || return 1
  sid="$(awk '{print $6}' "/proc/$child/stat" 2>/dev/null || true)"
  [[ "$sid" == "$sup" && "$(awk '{print $3}' "/proc/$child/stat" 2>/dev/null)" != Z ]]
}

supervise_start() {
  local name="${1:-}"
  shift || true
  [[ "${1:-}" == -- ]] && shift
  [[ -n "$name" && $# -gt 0 ]] || die "usage: supervise_start NAME -- CMD ARGS…"
  if supervise_running "$name"; then
    log_step "$name already running under the supervisor (pid $(pid_of "$(_sv_run)/$name.pid"))"
    return 0
  fi
  command -v "$1" >/dev/null 2>&1 || die "cannot start $name: '$1' is not an executable command"
  local rundir log
  rundir="$(_sv_run)"
  log="$SAFELOOP_VAR/log/$name.log"
  mkdir -p "$rundir" "$SAFELOOP_VAR/log"
  rm -f "$rundir/$name.supervisor.pid" "$rundir/$name.pid"
  # setsid: the loop and its child get their own session, so terminal signals do not reach them
  # and supervise_stop can kill the whole group as a last resort.
  # shellcheck disable=SC2094 # the loop appends to the log; nothing reads it here
  (
    close_lock_fd
    exec setsid bash "$SUPERVISE_SCRIPT" __loop "$name" "$log" "$rundir" -- "$@"
  ) </dev/null >>"$log" 2>&1 &
  local deadline=$((SECONDS + 10))
  until [[ -s "$rundir/$name.pid" ]] && supervise_running "$name"; do
    ((SECONDS < deadline)) || {
      show_log_tail "$log" 20
      die "supervisor for $name did not come up"
    }
    sleep 0.1
  done
  log_step "started $name under the supervisor (pid $(pid_of "$rundir/$name.pid"), log $log)"
}

supervise_stop() {
  local name="$1" rundir sup child
  rundir="$(_sv_run)"
  sup="$(pid_of "$rundir/$name.supervisor.pid")"
  child="$(pid_of "$rundir/$name.pid")"
  if ! supervise_running "$name"; then
    # The supervisor may have been SIGKILLed, leaving its child behind.
    if [[ -n "$sup" ]] && _sv_child_alive "$name"; then
      log_step "stopping orphaned $name (pid $child)"
      kill -TERM "$child" 2>/dev/null || true
      wait_pid_exit "$child" 15 || kill -KILL "$child" 2>/dev/null || true
    else
      log_step "$name not running"
    fi
    rm -f "$rundir/$name.supervisor.pid" "$rundir/$name.pid"
    return 0
  fi
  log_step "stopping $name (pid ${child:-?}) …"
  kill -TERM "$sup" 2>/dev/null || true
  # The loop gives its child 15 s, then SIGKILLs it; allow a little more before killing the group.
  if ! wait_pid_exit "$sup" 20; then
    log_warn "$name supervisor did not exit; killing its process group"
    kill -KILL -- "-$sup" 2>/dev/null || true
    wait_pid_exit "$sup" 5 || true
  fi
  if [[ -n "$child" ]] && kill -0 "$child" 2>/dev/null &&
    [[ "$(awk '{print $6}' "/proc/$child/stat" 2>/dev/null)" == "$sup" ]]; then
    kill -KILL "$child" 2>/dev/null || true
  fi
  rm -f "$rundir/$name.supervisor.pid" "$rundir/$name.pid"
  log_step "$name stopped"
}

# supervise_status [NAME…]: the given names (shown even when never started) plus every name with
# a supervisor pid file. Returns 0 when all listed names are running.
supervise_status() {
  local rundir names=() f n all=0 sup child state
  rundir="$(_sv_run)"
  names=("$@")
  if [[ -d "$rundir" ]]; then
    for f in "$rundir"/*.supervisor.pid; do
      [[ -e "$f" ]] || continue
      n="$(basename "$f" .supervisor.pid)"
      [[ " ${names[*]} " == *" $n "* ]] || names+=("$n")
    done
  fi
  printf '%-20s %-11s %-9s %s\n' NAME SUPERVISOR PID STATE
  for n in "${names[@]}"; do
    sup=- child=- state=stopped
    if supervise_running "$n"; then
      sup="$(pid_of "$rundir/$n.supervisor.pid")"
      if _sv_child_alive "$n"; then
        child="$(pid_of "$rundir/$n.pid")"
        state=running
      else
        state="restarting (see log/$n.log)"
        all=1
      fi
    elif _sv_child_alive "$n"; then
      child="$(pid_of "$rundir/$n.pid")"
      state="orphaned: supervisor gone (supervise_stop $n cleans up)"
      all=1
    else
      all=1
    fi
    printf '%-20s %-11s %-9s %s\n' "$n" "$sup" "$child" "$state"
  done
  return "$all"
}
