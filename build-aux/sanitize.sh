#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 9: the test suite under clang with ASan+UBSan, and the fuzzers.
#   build-aux/sanitize.sh asan [MESON-TEST-ARGS…]  clang ASan+UBSan build ($JALONS_ASAN_BUILDDIR,
#                                                  build-asan), whole suite headless
#   build-aux/sanitize.sh fuzz [SECONDS]           libFuzzer build ($JALONS_FUZZ_BUILDDIR, build-fuzz),
#                                                  each target SECONDS (60) on a copy of its corpus
# build-aux/dev.sh test runs both after the gcc suite (JALONS_SANITIZERS=0 skips them).
# Debian 12: clang 14 and libclang-rt-14-dev (dev.sh installs them).
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
asan_dir=${JALONS_ASAN_BUILDDIR:-build-asan}
fuzz_dir=${JALONS_FUZZ_BUILDDIR:-build-fuzz}
supp=$here/build-aux/sanitizers
targets=(png svg json jsonld rdfc verify ob2 badge-art)

# -fno-sanitize-recover: UBSan aborts the test instead of printing and going
# on, so undefined behaviour fails the run.
# -Wno-unused-variable: clang 14 flags g_autoptr/g_autofree variables that
# only hold something until the scope ends; gcc (the -Werror build that runs
# first) understands the cleanup attribute and still reports real ones.
sanitize_args=(-Db_sanitize=address,undefined -Db_lundef=false
  "-Dc_args=-fno-sanitize-recover=undefined -Wno-unused-variable")

sanitizer_env () {
  # GLib 2.74 still has its slice allocator: plain malloc, so that ASan sees
  # every block.
  export G_SLICE=always-malloc
  # fast_unwind_on_malloc=0: Debian's libraries are built without frame
  # pointers, so the fast unwinder stops at g_malloc and leak suppressions
  # (which name system libraries) could not match.
  export ASAN_OPTIONS=${JALONS_ASAN_OPTIONS:-detect_leaks=1:fast_unwind_on_malloc=0:detect_stack_use_after_return=1:check_initialization_order=1:strict_init_order=1}
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:suppressions=$supp/ubsan.supp
  export LSAN_OPTIONS=suppressions=$supp/lsan.supp:print_suppressions=0
}

run_asan () {
  if [ ! -f "$asan_dir/build.ninja" ]; then
    CC=clang meson setup "$asan_dir" -Dwerror=true "${sanitize_args[@]}"
  fi
  ninja -C "$asan_dir"
  sanitizer_env
  if [ $# -gt 0 ]; then
    build-aux/headless.sh meson test -C "$asan_dir" --print-errorlogs --num-processes 2 "$@"
    return
  fi
  # Everything but the UI with leak checking; the UI tests without it: GTK,
  # fontconfig, pango and Mesa keep per-process caches and threads whose
  # "leaks" would need a suppression list as long as GTK, and would hide
  # ours in the noise. Memory errors and UB still fail them.
  build-aux/headless.sh meson test -C "$asan_dir" --print-errorlogs --num-processes 2 --no-suite ui
  ASAN_OPTIONS=detect_leaks=0:detect_stack_use_after_return=1 \
    build-aux/headless.sh meson test -C "$asan_dir" --print-errorlogs --num-processes 2 --suite ui
}

run_fuzz () {
  local secs=${1:-60} failed=()
  if [ ! -f "$fuzz_dir/build.ninja" ]; then
    CC=clang meson setup "$fuzz_dir" -Dfuzzing=true "${sanitize_args[@]}"
  fi
  # Only the fuzzers: the rest of this folder is instrumented for libFuzzer.
  ninja -C "$fuzz_dir" "${targets[@]/#/tests/fuzz/fuzz-}"
  sanitizer_env
  # The slow unwinder would make every allocation ten times dearer: a fuzzer
  # wants executions, and its leaks are in our code (fast stacks suffice).
  export ASAN_OPTIONS=${JALONS_FUZZ_ASAN_OPTIONS:-detect_leaks=1}
  for t in "${targets[@]}"; do
    local work=$fuzz_dir/fuzz-run/$t
    rm -rf "$work"
    mkdir -p "$work/corpus"
    # The first folder is written to (new inputs); the committed seeds are read only.
    if "$fuzz_dir/tests/fuzz/fuzz-$t" -max_total_time="$secs" -rss_limit_mb=2048 -timeout=10 \
         -print_final_stats=1 -artifact_prefix="$work/" \
         "$work/corpus" "tests/fuzz/corpus/$t" > "$work/log" 2>&1; then
      echo "fuzz-$t: $(grep -o 'number_of_executed_units: *[0-9]*' "$work/log" | grep -o '[0-9]*$') runs in ${secs}s, no crash"
    else
      failed+=("$t")
      tail -n 60 "$work/log" >&2
      echo "fuzz-$t: FAILED; reproducer in $work/ (save it under tests/fuzz/crashers/$t/)" >&2
    fi
  done
  [ ${#failed[@]} -eq 0 ] || { echo "fuzzers that failed: ${failed[*]}" >&2; return 1; }
}

cmd=${1:-}
shift || true
case "$cmd" in
  asan) run_asan "$@" ;;
  fuzz) run_fuzz "$@" ;;
  *)
    echo "usage: $0 asan [MESON-TEST-ARGS…] | fuzz [SECONDS]" >&2
    exit 2
    ;;
esac
