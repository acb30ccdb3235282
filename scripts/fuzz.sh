#!/usr/bin/env bash
# Runs every cargo-fuzz target of fuzz/ for a time budget each, one after another (the machine
# has 2 cores), and prints a summary (executions, corpus size, findings). `npm run fuzz` runs it.
#
#   bash scripts/fuzz.sh [SECONDS] [TARGET...]    (SECONDS also from env FUZZ_SECONDS; default 60)
#
# Needs the nightly toolchain (libFuzzer's instrumentation) and cargo-fuzz, installed here when
# missing. Builds use cargo-fuzz's defaults: optimised, with debug assertions, overflow checks and
# AddressSanitizer. Seeds come from tests/golden (requests and bodies) and the generated media
# fixtures; corpora grow in fuzz/corpus/<target>, crashes land in fuzz/artifacts/<target>.
# Exit status: 0 when no target found anything, 1 otherwise.
set -uo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
seconds="${1:-${FUZZ_SECONDS:-60}}"
shift $(( $# > 0 ? 1 : 0 ))
rss_mb="${FUZZ_RSS_MB:-2048}"
# One input running this long is a hang, and a finding.
timeout_s="${FUZZ_TIMEOUT:-10}"

if ! rustup toolchain list | grep -q '^nightly'; then
  echo "fuzz: installing the nightly toolchain" >&2
  rustup toolchain install nightly --profile minimal || { echo "fuzz: no nightly toolchain" >&2; exit 2; }
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  echo "fuzz: installing cargo-fuzz" >&2
  cargo install cargo-fuzz --locked || cargo install cargo-fuzz || { echo "fuzz: cargo-fuzz did not install" >&2; exit 2; }
fi

if [ "$#" -gt 0 ]; then
  targets=("$@")
else
  mapfile -t targets < <(cargo +nightly fuzz list)
fi

# Seeds: each family's golden requests and bodies (omni-video's goldens are inline in its tests,
# so a few of its requests sit in fuzz/seeds); every golden file for the JSON parser; media
# fixtures (their first 64 KiB: the header and moov of the small clips) for the probes.
seed() { # seed TARGET FILE...
  local dir="fuzz/corpus/$1"; shift
  mkdir -p "$dir"
  for f in "$@"; do
    [ -f "$f" ] || continue
    head -c 65536 "$f" > "$dir/seed-$(basename "$f")"
  done
}
seed api_omni_video tests/golden/omni_video/*.json fuzz/seeds/api_omni_video/*.json
seed api_text2video tests/golden/text_to_video/*.json
seed api_image2video tests/golden/image_to_video/*.json
seed api_omni_image tests/golden/omni_image/*.json
seed api_image_generation tests/golden/image_generation/*.json
seed api_custom_element tests/golden/custom_element/*.json
seed api_custom_voice tests/golden/custom_voice/*.json
seed json_parse tests/golden/*/*.json fuzz/seeds/*/*.json
media="tests/fixtures/media/generated"
if [ -d "$media" ]; then
  seed media_image "$media"/*.png "$media"/*.jpg "$media"/*.jpeg "$media"/*.webp "$media"/*.gif "$media"/*.bmp
  seed media_video "$media"/*.mp4 "$media"/*.mov "$media"/*.m4a
fi

mkdir -p fuzz/logs
echo "fuzz: building ${#targets[@]} targets (nightly, debug assertions, ASan)" >&2
build_start=$(date +%s)
if ! cargo +nightly fuzz build >fuzz/logs/build.log 2>&1; then
  tail -30 fuzz/logs/build.log >&2
  exit 2
fi
build_s=$(( $(date +%s) - build_start ))

logs="fuzz/logs"
# A failed fallible allocation returns null, as it does in wasm (where it is an error, not an abort).
export ASAN_OPTIONS="${ASAN_OPTIONS:-allocator_may_return_null=1}"
bin="fuzz/target/$(rustc +nightly -vV | sed -n 's/^host: //p')/release"
found=0
rows=()
run_start=$(date +%s)
for t in "${targets[@]}"; do
  echo "fuzz: $t for ${seconds}s" >&2
  mkdir -p "fuzz/corpus/$t" "fuzz/artifacts/$t"
  before=$(find "fuzz/artifacts/$t" -type f | wc -l)
  t0=$(date +%s)
  # The binaries built above run directly, so a source change elsewhere meanwhile rebuilds nothing.
  extra=()
  # media_video checks allocation sizes itself, so libFuzzer's
  # per-malloc limit is lifted there; the RSS limit still holds.
  [ "$t" = media_video ] && extra+=(-malloc_limit_mb=1048576)
  # Inputs up to 64 KiB: enough for a box walk and a moov, small enough to stay fast.
  "$bin/$t" "fuzz/corpus/$t" -artifact_prefix="fuzz/artifacts/$t/" -max_total_time="$seconds" -max_len=65536 \
    -rss_limit_mb="$rss_mb" -timeout="$timeout_s" -print_final_stats=1 "${extra[@]}" >"$logs/$t.log" 2>&1
  rc=$?
  took=$(( $(date +%s) - t0 ))
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$logs/$t.log" | grep -o '[0-9]*$' | tail -1)
  corpus=$(find "fuzz/corpus/$t" -type f | wc -l)
  after=$(find "fuzz/artifacts/$t" -type f | wc -l)
  findings=$(( after - before ))
  status="ok"
  if [ "$rc" -ne 0 ] || [ "$findings" -gt 0 ]; then
    found=1
    status="FOUND (exit $rc): see $logs/$t.log and fuzz/artifacts/$t"
  fi
  rows+=("| $t | ${execs:-?} | ${took}s | $corpus | $findings | $status |")
done
run_s=$(( $(date +%s) - run_start ))

summary="fuzz/logs/summary.md"
{
  echo "Fuzz run $(date -u +%Y-%m-%dT%H:%MZ): ${seconds}s per target, build ${build_s}s, runs ${run_s}s"
  echo
  echo "| target | executions | time | corpus | new findings | status |"
  echo "| --- | ---: | ---: | ---: | ---: | --- |"
  printf '%s\n' "${rows[@]}"
} > "$summary"
cat "$summary"
exit "$found"
