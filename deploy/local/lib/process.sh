# Process supervision for the local platform: start a component once, wait for its health
# check, and report or stop it by the pid file it leaves in $RUN_DIR.

# Runs "$@" until it succeeds or <timeout> seconds pass.
wait_until() { # <timeout-seconds> <command...>
  local timeout=$1; shift
  local deadline=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || return 1
    sleep 0.2
  done
}

pid_of() { [[ -f $RUN_DIR/$1.pid ]] && cat "$RUN_DIR/$1.pid"; }

# Alive means: the recorded pid runs, is not a zombie waiting for a reaper, and is still the
# program we started (after a reboot the pid may belong to something else).
is_alive() { # <name>
  local pid state program
  pid=$(pid_of "$1") || return 1
  [[ -n $pid && -r /proc/$pid/stat ]] || return 1
  state=$(sed 's/.*) //' "/proc/$pid/stat" | cut -d' ' -f1)
  [[ $state != Z ]] || return 1
  program=$(readlink "/proc/$pid/exe" 2>/dev/null) || return 1
  [[ $program == "$(cat "$RUN_DIR/$1.program" 2>/dev/null)" ]]
}

is_gone() { ! is_alive "$1"; }

now_ms() { date +%s%3N; }

# The program <command> resolves to now (through PATH for a bare name such as node).
program_of() { readlink -f "$(command -v "$1")"; }

# Starts <name> unless it is already alive, then waits for <health> to pass. A process that is
# alive but unhealthy after the timeout is reported with the tail of its log. One that runs another
# program than <command> would start now (a version bump in versions.sh, a new Node.js) is stopped
# and started again, so `make up` never leaves an old binary running.
ensure_process() { # <name> <health-function> <timeout> -- <command...>
  local name=$1 health=$2 timeout=$3 started
  shift 4
  started=$(now_ms)
  if is_alive "$name" && [[ $(program_of "$1") != "$(cat "$RUN_DIR/$name.program")" ]]; then
    printf '  %-26s runs %s, not %s: restarting\n' "$name" "$(cat "$RUN_DIR/$name.program")" "$(program_of "$1")"
    stop_process "$name"
  fi
  if is_alive "$name" && "$health" >/dev/null 2>&1; then
    printf '  %-26s already running (pid %s)\n' "$name" "$(pid_of "$name")"
    return
  fi
  if ! is_alive "$name"; then
    mkdir -p "$LOG_DIR" "$RUN_DIR"
    setsid "$@" >>"$LOG_DIR/$name.log" 2>&1 </dev/null &
    echo $! >"$RUN_DIR/$name.pid"
    program_of "$1" >"$RUN_DIR/$name.program"
  fi
  if ! wait_until "$timeout" "$health"; then
    echo "error: $name did not become healthy within ${timeout}s; last lines of $LOG_DIR/$name.log:" >&2
    tail -n 20 "$LOG_DIR/$name.log" >&2
    exit 1
  fi
  printf '  %-26s ready in %5d ms (pid %s)\n' "$name" "$(($(now_ms) - started))" "$(pid_of "$name")"
}

# SIGTERM, then SIGKILL after <grace> seconds.
stop_process() { # <name> [grace-seconds]
  local name=$1 grace=${2:-10} pid
  pid=$(pid_of "$name") || return 0
  if is_alive "$name"; then
    kill -TERM "$pid" 2>/dev/null || true
    if ! wait_until "$grace" is_gone "$name"; then kill -KILL "$pid" 2>/dev/null || true; fi
    printf '  %-26s stopped\n' "$name"
  fi
  rm -f "$RUN_DIR/$name.pid" "$RUN_DIR/$name.program"
}

report_process() { # <name> <health-function>
  local name=$1 health=$2
  if ! is_alive "$name"; then printf '  %-26s stopped\n' "$name"; return 1; fi
  if "$health" >/dev/null 2>&1; then
    printf '  %-26s healthy (pid %s)\n' "$name" "$(pid_of "$name")"
  else
    printf '  %-26s UNHEALTHY (pid %s, log %s)\n' "$name" "$(pid_of "$name")" "$LOG_DIR/$name.log"
    return 1
  fi
}
