#!/bin/sh
# Long fuzzing runs: every libFuzzer harness for SECONDS (default 600) each, JOBS at a time
# (default 1), at the lowest CPU priority, with its dictionary, on WORK_DIR/<harness>/ (seeded
# from tests/fuzz/seeds on the first run and kept, so runs add up). Each harness's log (with
# libFuzzer's final stats) goes to WORK_DIR/<harness>-<time>.log; crashes are written as
# WORK_DIR/crash-* (keep each as a regression seed after fixing it). The CPU time of every run
# goes to WORK_DIR/cpu-seconds.tsv, and the end prints each harness's total. Build first:
#   tests/fuzz/smoke.sh build-fuzz 1      (or cmake --build build-fuzz --target fuzzers)
# Usage: tests/fuzz/run_fuzzers.sh [BUILD_DIR] [SECONDS] [WORK_DIR] [JOBS]
# LATENT_FUZZ_TIMEOUT (default 1 s per input) is wall-clock time: on a machine busy with other
# work a nice-19 fuzzer can be starved past 1 s on any input, so raise it there and replay the
# slowest inputs alone (libFuzzer prints stat::slowest_unit_time_sec).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-build-fuzz}
seconds=${2:-600}
work=${3:-$(mktemp -d)}
jobs=${4:-1}
mkdir -p "$work"
stamp=$(date +%Y%m%d-%H%M%S)
run() {  # harness seed-folder dictionary
    mkdir -p "$work/$1"
    [ -n "$(ls -A "$work/$1")" ] || cp "$here/seeds/$2"/* "$work/$1/"
    dict=""
    [ "$3" != "-" ] && dict="-dict=$here/dict/$3"
    # `times` (POSIX) prints the subshell's own and, on its second line, its children's CPU times
    # (user, system), e.g. "7m1.54s 0m21.41s": the harness's. (Not in a pipeline: that would be
    # a subshell of its own, without children.)
    (cd "$work" && nice -n 19 "$build/bin/$1" -max_total_time="$seconds" -timeout="${LATENT_FUZZ_TIMEOUT:-1}" -rss_limit_mb=2048 \
        -print_final_stats=1 $dict "$work/$1" > "$work/$1-$stamp.log" 2>&1; times > "$work/$1-$stamp.times") || true
    # The ledger of CPU seconds per harness, kept in the work folder so runs add up.
    awk -v h="$1" -v s="$stamp" 'NR == 2 { t = 0; for (i = 1; i <= 2; i++) { split($i, p, "m"); sub("s", "", p[2]); t += p[1] * 60 + p[2] }
        printf "%s\t%.1f\t%s\n", h, t, s }' "$work/$1-$stamp.times" >> "$work/cpu-seconds.tsv" || true
}
n=0
while read -r harness seeds dict; do
    run "$harness" "$seeds" "$dict" &
    n=$((n + 1))
    if [ "$n" -ge "$jobs" ]; then wait; n=0; fi
done <<LIST
fuzz_safetensors_header safetensors -
fuzz_pickle_reader pickle -
fuzz_format_sniff sniff -
fuzz_png_infotext png png_infotext.dict
fuzz_api_request api api_request.dict
fuzz_prompt_parser prompt prompt.dict
fuzz_http_request http -
fuzz_network_keys network network.dict
LIST
wait
for log in "$work"/*-"$stamp".log; do
    echo "== $(basename "$log" "-$stamp.log")"
    grep -E "stat::number_of_executed_units|stat::peak_rss|cov: .*ft:.*corp|Done|ERROR|crash-|leak-|timeout-" "$log" | tail -6 || true
done
echo "== CPU time per harness over every run in $work (cpu-seconds.tsv)"
awk -F '\t' '{ t[$1] += $2; n[$1]++ } END { for (h in t) printf "%-26s %6.2f CPU-hours in %d run(s)\n", h, t[h] / 3600, n[h] }' \
    "$work/cpu-seconds.tsv" | sort
echo "logs and corpora in $work"
