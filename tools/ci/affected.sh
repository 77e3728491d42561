#!/usr/bin/env bash
# The affected pipeline CI runs for a change, runnable locally:
#   tools/ci/affected.sh                 # against HEAD~1
#   NX_BASE=origin/main tools/ci/affected.sh
#   tools/ci/affected.sh --gates-only    # skip step 2 (for .ci/run, where `npm test` has just run it all)
# 1. nx sync:check; 2. lint, typecheck, test, build of the affected projects; 3. when the change reaches the
# gate: the mini soak and `ci-gate check` (its FAIL/INCONCLUSIVE is reported, refused artifacts fail); 4. for each changed config/profiles/market_maker_NAME.json:
# `ci-gate compare --baseline base --candidate NAME`, which fails CI on FAIL (exit 1, worse with confidence) or
# bad input (exit 2), not on INCONCLUSIVE (exit 3). Reports land in artifacts/ (GATE_REPORT.md, junit.xml).
# Changed files are taken from the merge-base of base and head (BASE...HEAD), as `nx affected` does. Every
# profile is compared even when one fails; a changed file in config/profiles/ that is not base.json or
# market_maker_NAME.json is reported as invalid; the script fails at the end if anything failed.
# Without a usable base (a shallow clone, a first commit) everything counts as affected.
set -euo pipefail
cd "$(dirname "$0")/../.."
export NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false
BASE="${NX_BASE:-HEAD~1}"
HEAD="${NX_HEAD:-HEAD}"
GATES_ONLY=false
for arg in "$@"; do
  case "$arg" in
    --gates-only) GATES_ONLY=true ;;
    *) echo "affected.sh: unknown argument \"$arg\" (known: --gates-only)" >&2; exit 2 ;;
  esac
done
# The workspace's own nx, as `npx --no-install nx` would find it, without npm's start-up cost on every call.
nx() { "$PWD/node_modules/.bin/nx" "$@"; }

nx sync:check
changed=() # changed files under config/profiles/, NUL-safe
if git rev-parse --verify --quiet "$BASE^{commit}" >/dev/null; then
  echo "affected: $BASE...$HEAD (from their merge-base)"
  if ! $GATES_ONLY; then
    nx affected -t lint typecheck test build --base="$BASE" --head="$HEAD" --outputStyle=static
  fi
  affected=$(nx show projects --affected --base="$BASE" --head="$HEAD")
  while IFS= read -r -d '' f; do changed+=("$f"); done < <(git diff -z --name-only --diff-filter=d "$BASE...$HEAD" -- config/profiles/)
else
  echo "affected: no base commit \"$BASE\"; running everything"
  if ! $GATES_ONLY; then
    nx run-many -t lint typecheck test build --outputStyle=static
  fi
  affected=ci-gate
  for f in config/profiles/*; do [ -f "$f" ] && changed+=("$f"); done
fi

failed=()
compare_bin=apps/ci-gate/dist/main.js
compare_built=false
if grep -qx ci-gate <<<"$affected"; then
  # The mini soak (an Nx target, cached) and the built bin, so the exit code is the verdict. On the calibrated
  # default market every shipped profile loses at the venue's standard fees (README "The default scenario"): a
  # FAIL or INCONCLUSIVE there is the market's verdict on the profile, printed and written to GATE_REPORT.md, not
  # something a change caused, so it does not fail CI. What a change can cause does: artifacts the gate refuses
  # (exit 2: unbound, edited, incomplete) and a profile worse than base with confidence (compare below).
  nx run ci-gate:build --outputStyle=static
  compare_built=true
  nx run soak-runner:mini --outputStyle=static
  code=0
  node "$compare_bin" check --artifacts artifacts/soak --out-dir artifacts/gate || code=$?
  case $code in
    0) echo "ci-gate check: PASS" ;;
    1) echo "ci-gate check: FAIL on the default market (reported in artifacts/gate/GATE_REPORT.md; not a CI failure: a change is judged by compare)" ;;
    3) echo "ci-gate check: INCONCLUSIVE on the default market (reported; not a CI failure)" ;;
    2) echo "ci-gate check: the soak's artifacts were refused (exit 2)" >&2; failed+=("ci-gate check (refused: exit 2)") ;;
    *) echo "ci-gate check: exit $code" >&2; failed+=("ci-gate check (exit $code)") ;;
  esac
else
  echo "ci-gate: not affected, no soak needed"
fi
for f in ${changed[@]+"${changed[@]}"}; do
  file=${f#config/profiles/}
  [ "$file" = base.json ] && continue # the base: the check above covers it
  if [[ "$file" != market_maker_*.json || "$file" == */* ]]; then
    echo "ci-gate compare: $f is not a profile file (expected config/profiles/market_maker_NAME.json)" >&2
    failed+=("$f (invalid name)")
    continue
  fi
  name=${file#market_maker_}
  name=${name%.json}
  if ! $compare_built; then
    nx run ci-gate:build --outputStyle=static
    compare_built=true
  fi
  echo "ci-gate compare: base vs $name"
  # The built bin, not `nx run ci-gate:compare`: nx reports every non-zero exit as 1, and the code is the
  # verdict. 0 PASS, 1 FAIL (worse with confidence), 2 bad input (the name, flags, a profile file: ci-gate
  # prints why), 3 INCONCLUSIVE (the seeds cannot tell better from worse): that one does not fail CI.
  code=0
  node "$compare_bin" compare --baseline base --candidate "$name" --out-dir "artifacts/gate-compare/$name" || code=$?
  case $code in
    0) echo "ci-gate compare: $name: PASS" ;;
    3) echo "ci-gate compare: $name: INCONCLUSIVE (not a failure: the seeds cannot tell $name from base; see artifacts/gate-compare/$name)" ;;
    1) echo "ci-gate compare: $name: FAIL (worse than base with confidence, or a hard gate fails; reasons above)" >&2; failed+=("$name (FAIL)") ;;
    2) echo "ci-gate compare: $name: refused (bad input, exit 2)" >&2; failed+=("$name (refused: bad input)") ;;
    *) echo "ci-gate compare: $name: exit $code" >&2; failed+=("$name (exit $code)") ;;
  esac
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "ci-gate: ${#failed[@]} failure(s):" >&2
  printf '  - %s\n' "${failed[@]}" >&2
  exit 1
fi
