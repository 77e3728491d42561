#!/usr/bin/env bash
# The affected pipeline CI runs for a change, runnable locally:
#   tools/ci/affected.sh                 # against HEAD~1
#   NX_BASE=origin/main tools/ci/affected.sh
# 1. nx sync:check; 2. lint, typecheck, test, build of the affected projects; 3. when the change reaches the
# gate: the mini soak and `ci-gate check`; 4. for each changed config/profiles/market_maker_NAME.json:
# `ci-gate compare --baseline base --candidate NAME`. Reports land in artifacts/ (GATE_REPORT.md, junit.xml).
# Without a usable base (a shallow clone, a first commit) everything counts as affected.
set -euo pipefail
cd "$(dirname "$0")/../.."
export NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false
BASE="${NX_BASE:-HEAD~1}"
HEAD="${NX_HEAD:-HEAD}"
nx() { npx --no-install nx "$@"; }

nx sync:check
if git rev-parse --verify --quiet "$BASE^{commit}" >/dev/null; then
  echo "affected: $BASE..$HEAD"
  nx affected -t lint typecheck test build --base="$BASE" --head="$HEAD" --outputStyle=static
  affected=$(nx show projects --affected --base="$BASE" --head="$HEAD")
  profiles=$(git diff --name-only "$BASE" "$HEAD" -- 'config/profiles/market_maker_*.json' |
    sed -n 's#^config/profiles/market_maker_\(.*\)\.json$#\1#p')
else
  echo "affected: no base commit \"$BASE\"; running everything"
  nx run-many -t lint typecheck test build --outputStyle=static
  affected=ci-gate
  profiles=$(ls config/profiles | sed -n 's#^market_maker_\(.*\)\.json$#\1#p')
fi

if grep -qx ci-gate <<<"$affected"; then
  nx run ci-gate:check --outputStyle=static
else
  echo "ci-gate: not affected, no soak needed"
fi
for name in $profiles; do
  [ -f "config/profiles/market_maker_$name.json" ] || continue  # deleted in this change
  echo "ci-gate compare: base vs $name"
  nx run ci-gate:compare --outputStyle=static --baseline base --candidate "$name" --out-dir "artifacts/gate-compare/$name"
done
