#!/bin/sh
# Runs every libFuzzer harness for SECONDS (default 600) each, in parallel, at the lowest CPU
# priority, on copies of the seed corpora. Build first:
#   CC=clang-14 CXX=clang++-14 cmake -S . -B build-fuzz -G Ninja -DLATENT_BUILD_FUZZERS=ON
#   cmake --build build-fuzz --target fuzz_safetensors_header fuzz_pickle_reader fuzz_format_sniff fuzz_api_request
# Usage: tests/fuzz/run_fuzzers.sh [BUILD_DIR] [SECONDS] [WORK_DIR]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-build-fuzz}
seconds=${2:-600}
work=${3:-$(mktemp -d)}
run() {  # harness seed-folder
    mkdir -p "$work/$1"
    cp -n "$here/seeds/$2"/* "$work/$1/" 2>/dev/null || true
    nice -n 19 "$build/bin/$1" -max_total_time="$seconds" -timeout=1 -rss_limit_mb=2048 -print_final_stats=1 \
        "$work/$1" > "$work/$1.log" 2>&1 &
}
run fuzz_safetensors_header safetensors
run fuzz_pickle_reader pickle
run fuzz_format_sniff sniff
run fuzz_api_request api
wait
for h in fuzz_safetensors_header fuzz_pickle_reader fuzz_format_sniff fuzz_api_request; do
    echo "== $h"; grep -E "stat::number_of_executed_units|Done|ERROR|crash-" "$work/$h.log" || true
done
echo "logs and corpora in $work"
