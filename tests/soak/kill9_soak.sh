#!/usr/bin/env bash
# Nothing lost under kill -9 (issue 20 item 2; SAFETY.md §2 items 40-43, §3 faults).
#
# Starts the studio (under Xvfb when there is no display) with the demo model and a queue kept
# full of jobs, and a CLI download from a local stand-in for Hugging Face next to it, then kills
# both with SIGKILL at random moments, COUNT times. After every kill, and again after every
# restart, tests/soak/soak_check.cpp checks:
#   - every PNG in the output and recovery folders is complete (all chunk CRCs, IEND, decodes)
#     and carries its parameters; every image of a "done" job exists and is complete;
#   - no database is damaged (PRAGMA integrity_check on jobs, gallery, library);
#   - every gallery row names a complete image, and after the restart every image that was on
#     disk at the kill is in the gallery (orphans re-indexed from their metadata);
#   - the job that was running is "interrupted" after the restart (never re-run), and every
#     pending job is still there with the same parameters;
#   - the settings file and the download list parse; the downloaded model, when installed,
#     equals the source, and a .part is always a prefix of it.
# The studio log (debug level) tells what was going on at each kill; the counts are printed.
#
#   tests/soak/kill9_soak.sh [-n COUNT] [-b BUILD_DIR] [-s SEED] [-k]
#     -n COUNT   kill cycles (default 30; the issue's long run is 1000)
#     -b DIR     build folder with bin/latentstudio, bin/latentstudio-cli, tests/latent-soak-check
#     -s SEED    random seed (default: the time); the same seed gives the same kill schedule
#     -k         keep the work folder (logs, images, databases) for inspection
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
count=30
build="$here/../../build"
seed="$(date +%s)"
keep=0
while getopts "n:b:s:k" opt; do
  case "$opt" in
    n) count="$OPTARG" ;;
    b) build="$OPTARG" ;;
    s) seed="$OPTARG" ;;
    k) keep=1 ;;
    *) sed -n '2,30p' "$0"; exit 2 ;;
  esac
done
build="$(cd "$build" && pwd)"
studio="$build/bin/latentstudio"
cli="$build/bin/latentstudio-cli"
check="$build/tests/latent-soak-check"
demo="$build/share/latentstudio/demo/latent-demo-sd1-random.safetensors"
for f in "$studio" "$cli" "$check" "$demo"; do
  [ -e "$f" ] || { echo "kill9_soak: $f is missing (build first)" >&2; exit 2; }
done
RANDOM=$seed

work="$(mktemp -d "${TMPDIR:-/tmp}/latent-soak-XXXXXX")"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ "$keep" = 1 ]; then echo "kill9_soak: work folder kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

export HOME="$work/home"
export XDG_CONFIG_HOME="$HOME/.config" XDG_DATA_HOME="$HOME/.local/share" XDG_CACHE_HOME="$HOME/.cache"
export LATENT_DEMO_MODEL="$demo" LATENT_LOG_LEVEL=debug OMP_NUM_THREADS=1
unset QT_QPA_PLATFORM
data="$XDG_DATA_HOME/LatentStudio/latentstudio"
config="$XDG_CONFIG_HOME/LatentStudio/latentstudio.conf"
out="$work/out"
models="$work/models"
log="$data/logs/latentstudio.log"
mkdir -p "$data" "$(dirname "$config")" "$out" "$models"
cat > "$config" <<EOF
[gallery]
outputFolder=$out

[meta]
schemaVersion=1
EOF

# A display: the one we have, else our own Xvfb.
if [ -z "${DISPLAY:-}" ]; then
  for n in $(seq 90 140); do
    [ -e "/tmp/.X$n-lock" ] && continue
    Xvfb ":$n" -screen 0 1280x800x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
    pids+=($!)
    export DISPLAY=":$n"
    for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X$n" ] && break; sleep 0.1; done
    break
  done
fi

# The download source.
"$check" serve --root "$work/srv" --size 24000000 --port-file "$work/port" >"$work/server.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.1; done
port="$(cat "$work/port")"
export LATENT_HF_ENDPOINT="http://127.0.0.1:$port"
url="https://huggingface.co/soak/model/resolve/main/soak.safetensors"

declare -A phases=()
failures=0 kills=0 early=0 restarts_checked=0 downloads_done=0 downloads_cut=0
last_line=""
classify() {  # what the studio was doing, from its last log line
  case "$1" in
    *"writing image"*) echo "png-writing" ;;
    *"image saved"*|*"queue:"*|*"job "*" done"*) echo "queue-update" ;;
    *"step "*) echo "sampling" ;;
    *"job "*" started"*) echo "model-load-or-text" ;;
    *"gallery"*) echo "gallery-indexing" ;;
    *"settings:"*) echo "settings-save" ;;
    *"queue loaded"*|*"started (pid"*|*"earlier run"*|*"notice"*) echo "startup" ;;
    "") echo "before-the-log" ;;
    *) echo "other" ;;
  esac
}
wait_for_log() {  # pattern after line N, timeout seconds
  local from="$1" pattern="$2" t="$3"
  for _ in $(seq $((t * 10))); do
    tail -n "+$from" "$log" 2>/dev/null | grep -q "$pattern" && return 0
    sleep 0.1
  done
  return 1
}
run_check() {  # subcommand args...: prints the JSON line, counts failures
  local r
  if r="$("$check" "$@" 2>>"$work/check.err")"; then :; else failures=$((failures + 1)); echo "kill9_soak: check $1 failed: $r" >&2; fi
  echo "$r" >>"$work/checks.jsonl"
}

start=$(date +%s)
for i in $(seq 1 "$count"); do
  "$check" prepare --data "$data" --model "$demo" --pending 3 --seed "$RANDOM" >/dev/null
  lines_before=$( (wc -l <"$log") 2>/dev/null || echo 0)
  "$studio" --try-demo >>"$work/studio.out" 2>&1 &
  spid=$!
  dpid=""
  if [ ! -e "$models/Lora/soak.safetensors" ]; then
    "$cli" download "$url" --dest "$models" --kind lora --yes >>"$work/download.out" 2>&1 &
    dpid=$!
  fi
  if [ $((RANDOM % 4)) = 0 ]; then
    # Early: while it starts (queue marking, gallery rescan, model load, the demo Generate).
    early=$((early + 1))
    sleep "$((RANDOM % 15 / 10)).$((RANDOM % 10))"
  else
    if wait_for_log "$((lines_before + 1))" "gallery rescan finished" 60 && [ -s "$work/state.json" ]; then
      run_check after-restart --data "$data" --state "$work/state.json"
      restarts_checked=$((restarts_checked + 1))
    fi
    sleep "$((RANDOM % 4)).$((RANDOM % 10))$((RANDOM % 10))"
  fi
  last_line="$(tail -n 1 "$log" 2>/dev/null || true)"
  dl_alive=0
  if [ -n "$dpid" ] && kill -0 "$dpid" 2>/dev/null; then dl_alive=1; fi
  kill -9 "$spid" $dpid 2>/dev/null || true
  wait "$spid" 2>/dev/null || true
  [ -n "$dpid" ] && { wait "$dpid" 2>/dev/null || true; }
  kills=$((kills + 1))
  phase="$(classify "$last_line")"
  phases[$phase]=$(( ${phases[$phase]:-0} + 1 ))
  [ "$dl_alive" = 1 ] && downloads_cut=$((downloads_cut + 1))
  run_check after-kill --data "$data" --out "$out" --models "$models" --source "$work/srv/source.bin" \
    --config "$config" --state "$work/state.json"
  if [ -e "$models/Lora/soak.safetensors" ]; then
    # Verified by after-kill (equal to the source); start over for the next cycle.
    downloads_done=$((downloads_done + 1))
    rm -f "$models/Lora/soak.safetensors" "$models/Lora/soak."*
  fi
  printf '\rkill9_soak: %d/%d kills, %d failed checks' "$kills" "$count" "$failures" >&2
done
echo >&2

# A last, undisturbed run: it works the queue off, re-indexes what the kills left behind, and
# stops normally; then the gallery must match the files exactly.
lines_before=$( (wc -l <"$log") 2>/dev/null || echo 0)
"$studio" >>"$work/studio.out" 2>&1 &
spid=$!
wait_for_log "$((lines_before + 1))" "gallery rescan finished" 60 || true
run_check after-restart --data "$data" --state "$work/state.json"
for _ in $(seq 600); do
  "$check" idle --data "$data" >/dev/null 2>&1 && break
  sleep 0.2
done
sleep 2
kill -TERM "$spid" 2>/dev/null || true
wait "$spid" 2>/dev/null || true
run_check final --data "$data" --out "$out"

elapsed=$(( $(date +%s) - start ))
# (The recovery folder exists only when an image went there: find's failure must not end the run.)
images=$( (find "$out" "$data/recovery" -name '*.png' 2>/dev/null || true) | wc -l)
done_jobs=$("$check" idle --data "$data" --count-done 2>/dev/null || echo "?")
echo "kill9_soak: seed $seed, $kills kills in ${elapsed}s ($early while starting), $restarts_checked restarts checked"
echo "kill9_soak: at the kill the studio was:"
for k in "${!phases[@]}"; do printf '  %-20s %d\n' "$k" "${phases[$k]}"; done | sort
echo "kill9_soak: downloads cut $downloads_cut, completed and verified $downloads_done"
echo "kill9_soak: $images images on disk, $done_jobs jobs done; failed checks: $failures"
if [ "$failures" -gt 0 ]; then
  echo "kill9_soak: FAILED; see $work/checks.jsonl and $work/check.err" >&2
  keep=1
  exit 1
fi
