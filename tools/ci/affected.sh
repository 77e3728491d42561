#!/usr/bin/env bash
# The affected pipeline CI runs for a change, runnable locally:
#   tools/ci/affected.sh                 # against HEAD~1
#   NX_BASE=origin/main tools/ci/affected.sh
#   tools/ci/affected.sh --gates-only    # skip step 2 (for .ci/run, where `npm test` has just run it all)
# 1. nx sync:check; 2. lint, typecheck, test, build of the affected projects; 3. when the change reaches the
# gate: the mini soak and `ci-gate check`; 4. for each changed config/profiles/market_maker_NAME.json:
# `ci-gate compare --baseline base --candidate NAME`. Reports land in artifacts/ (GATE_REPORT.md, junit.xml).
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

if grep -qx ci-gate <<<"$affected"; then
  nx run ci-gate:check --outputStyle=static
else
  echo "ci-gate: not affected, no soak needed"
fi

failed=()
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
  echo "ci-gate compare: base vs $name"
  # ci-gate validates the name (exit 2 with the reason) and decides better/worse (exit 1).
  if ! nx run ci-gate:compare --outputStyle=static --baseline base --candidate "$name" --out-dir "artifacts/gate-compare/$name"; then
    failed+=("$name")
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "ci-gate compare: ${#failed[@]} profile(s) failed:" >&2
  printf '  - %s\n' "${failed[@]}" >&2
  exit 1
fi
