#!/usr/bin/env bash
# Builds every libFuzzer harness (clang-14, ASan + UBSan) and runs each for SECONDS (default 30)
# on a copy of its committed seed corpus with its dictionary: a smoke test that fails on any
# crash, sanitizer report, leak or timeout (> 1 s per input), and prints executions and coverage.
# Long runs: tests/fuzz/run_fuzzers.sh.
#   tests/fuzz/smoke.sh [BUILD_DIR] [SECONDS]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="${1:-$root/build-fuzz}"
seconds="${2:-30}"
launcher=()  # the project uses ccache by itself; LATENT_FUZZ_LAUNCHER overrides
[ -n "${LATENT_FUZZ_LAUNCHER:-}" ] && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER="$LATENT_FUZZ_LAUNCHER" -DCMAKE_C_COMPILER_LAUNCHER="$LATENT_FUZZ_LAUNCHER")
if [ ! -f "$build/build.ninja" ]; then
  CC=clang-14 CXX=clang++-14 cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DLATENT_BUILD_FUZZERS=ON -DLATENT_BUILD_TESTS=ON "${launcher[@]}" >/dev/null
fi
build="$(cd "$build" && pwd)"  # the harnesses run from the work folder
cmake --build "$build" --target fuzzers -j "${LATENT_JOBS:-$(nproc)}"

work="$(mktemp -d "${TMPDIR:-/tmp}/latent-fuzz-XXXXXX")"
trap 'rm -rf "$work"' EXIT
status=0
# harness, seed folder, dictionary (may be empty)
while read -r harness seeds dict; do
  mkdir -p "$work/$harness"
  cp "$here/seeds/$seeds/"* "$work/$harness/"
  args=(-max_total_time="$seconds" -timeout=1 -rss_limit_mb=2048 -print_final_stats=1)
  [ "$dict" != "-" ] && args+=(-dict="$here/dict/$dict")
  if (cd "$work" && "$build/bin/$harness" "${args[@]}" "$work/$harness" >"$work/$harness.log" 2>&1); then
    runs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$work/$harness.log" | grep -o '[0-9]*$' || echo "?")
    cov=$(grep -o 'cov: [0-9]*' "$work/$harness.log" | tail -1 | grep -o '[0-9]*$' || echo "?")
    printf '%-26s ok   %10s runs  coverage %s\n' "$harness" "$runs" "$cov"
  else
    printf '%-26s FAILED\n' "$harness"
    grep -E "ERROR|SUMMARY|Test unit written|==[0-9]+==" "$work/$harness.log" | head -20
    status=1
  fi
done <<'LIST'
fuzz_safetensors_header safetensors -
fuzz_pickle_reader pickle -
fuzz_format_sniff sniff -
fuzz_png_infotext png png_infotext.dict
fuzz_api_request api api_request.dict
fuzz_prompt_parser prompt prompt.dict
fuzz_http_request http -
fuzz_network_keys network network.dict
LIST
exit $status
