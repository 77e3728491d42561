#!/usr/bin/env bash
# Makes sure a Chromium is there for the report pages' browser tests (playwright-core drives it; it never
# downloads a browser of its own): $MM_CHROMIUM, Debian's chromium, or a Google Chrome already installed (GitHub's
# Ubuntu runners have one). Installs Debian's `chromium` with apt-get when none is found and we are root;
# otherwise says loudly that the browser tests will be skipped. Never fails the caller.
set -uo pipefail
for c in "${MM_CHROMIUM:-}" /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome /usr/bin/google-chrome-stable; do
  if [ -n "$c" ] && [ -x "$c" ]; then
    echo "ensure-chromium: $c ($("$c" --version 2>/dev/null || echo 'version unknown'))"
    exit 0
  fi
done
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "ensure-chromium: installing Debian's chromium with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  if apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium; then
    exit 0
  fi
fi
echo "ensure-chromium: !!! NO CHROMIUM AND NONE COULD BE INSTALLED: the report pages' browser tests will be SKIPPED !!!" >&2
exit 0
