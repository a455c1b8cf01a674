# The test suites of scripts/test. Each one calls `record <name> <passed> <failed>`
# and never aborts the run, so the summary always covers every suite.

suite_format() {
  step "Format check (.clang-format)"
  local files bad=0 total=0
  mapfile -t files < <(cd "$ROOT" && git ls-files -co --exclude-standard -- \
    'src/*.cpp' 'src/*.hpp' 'tests/*.cpp' 'tests/*.hpp' 'fuzz/*.cpp' 'bench/*.cpp' 'bench/*.hpp' \
    | while read -r f; do [ -f "$f" ] && echo "$f"; done)
  # Batches of 40 files per clang-format, one batch per core; each file that
  # differs from its formatted form is named once in the warnings.
  local unformatted
  mapfile -t unformatted < <(cd "$ROOT" && printf '%s\n' "${files[@]}" |
    xargs -r -P "$(nproc)" -n 40 clang-format --dry-run -Werror 2>&1 |
    grep -E 'error: code should be clang-formatted' | cut -d: -f1 | sort -u)
  total=${#files[@]}
  for f in "${unformatted[@]}"; do
    echo "not formatted: $f (run: clang-format -i $f)"
    bad=$((bad + 1))
  done
  record "format" $((total - bad)) "$bad"
}

# suite_ctest <name> <build-dir> <ctest label regex or empty>
suite_ctest() {
  step "ctest: $1"
  local log passed failed total args=()
  log="$(mktemp)"
  [ -n "$3" ] && args=(-L "$3")
  set +e
  (cd "$2" && ctest --output-on-failure --timeout 300 -j "$(nproc)" "${args[@]}") 2>&1 | tee "$log"
  set -e
  if line=$(grep -E '[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "$log" | tail -1); then
    failed=$(sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\1/' <<<"$line")
    total=$(sed -E 's/.* failed out of ([0-9]+).*/\1/' <<<"$line")
    passed=$((total - failed))
  else
    passed=0; failed=1
  fi
  rm -f "$log"
  record "$1" "$passed" "$failed"
}

suite_sanitizers() {
  step "Building the unit tests with ASan+UBSan"
  local dir="$ROOT/build-asan"
  if cmake_configure "$dir" -DCMAKE_BUILD_TYPE=Debug -DVP_SANITIZE=ON -DVP_UNIT_ONLY=ON &&
    cmake --build "$dir" --parallel "$(nproc)" --target unit-tests; then
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
      suite_ctest "C++ unit under ASan+UBSan" "$dir" unit
  else
    record "C++ unit under ASan+UBSan (build)" 0 1
  fi
}

# Every fuzz target runs over its seed corpus plus a bounded number of new inputs.
suite_fuzz() {
  [ -d "$ROOT/fuzz" ] || return 0
  step "Fuzz smoke runs (libFuzzer)"
  local dir="$ROOT/build-fuzz" passed=0 failed=0
  if ! cmake_configure "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
    -DVP_FUZZ=ON -DVP_UNIT_ONLY=ON -DVP_WERROR=ON ||
    ! cmake --build "$dir" --parallel "$(nproc)" --target fuzzers; then
    record "fuzz (build)" 0 1
    return
  fi
  for bin in "$dir"/fuzz/fuzz_*; do
    [ -x "$bin" ] || continue
    local name corpus work
    name="$(basename "$bin")"
    corpus="$ROOT/fuzz/corpus/${name#fuzz_}"
    work="$(mktemp -d)"
    [ -d "$corpus" ] && cp -r "$corpus/." "$work/"
    if "$bin" -runs="${VP_FUZZ_RUNS:-20000}" -max_len=4096 "$work" >"$work.log" 2>&1; then
      passed=$((passed + 1))
    else
      failed=$((failed + 1)); echo "fuzzer $name failed:"; tail -40 "$work.log"
    fi
    rm -rf "$work" "$work.log"
  done
  record "fuzz" "$passed" "$failed"
}

# Vitest and the end-to-end runner write JSON reports that we count.
count_vitest_report() {  # count_vitest_report <name> <report.json>
  if [ -f "$2" ]; then
    read -r p f < <(node -e 'const r=require(process.argv[1]);console.log(r.numPassedTests, r.numFailedTests + (r.success||r.numFailedTests>0?0:1))' "$2")
    record "$1" "$p" "$f"
  else
    record "$1" 0 1
  fi
}

suite_web_unit() {
  [ -f "$ROOT/web/package.json" ] || return 0
  step "Web unit tests (Vitest)"
  local report="$ROOT/build/web-unit-report.json"
  rm -f "$report"
  (cd "$ROOT/web" && npx vitest run --reporter=default --reporter=json --outputFile="$report") || true
  count_vitest_report "web unit" "$report"
}

suite_e2e() {
  [ -f "$ROOT/web/e2e/vitest.config.ts" ] || return 0
  step "Browser end-to-end tests (playwright-core + Chromium, puppeteer-core + Firefox ESR)"
  local report="$ROOT/build/web-e2e-report.json"
  rm -f "$report"
  (cd "$ROOT/web" && VIDEOPRO_BIN="$BUILD_DIR/src/app/videopro" VIDEOPRO_WEB_ROOT="$ROOT/web/dist" \
    npx vitest run --config e2e/vitest.config.ts --reporter=default --reporter=json \
    --outputFile="$report") || true
  count_vitest_report "browser end-to-end" "$report"
}
